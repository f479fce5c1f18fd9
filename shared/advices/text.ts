/**
 * Text pasted from Word carries invisible characters that corrupt search, comparisons and the
 * letter: zero-width spaces, soft hyphens, non-breaking spaces, Word's manual line breaks (vertical
 * tab) and page breaks (form feed). They are cleaned here, once, before validation; what remains
 * of control characters is refused by the shared field rules with a Dutch message.
 */
export function cleanPastedText(value: string): string {
  return value
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u000B\u000C\u2028\u2029]/g, '\n')
    .replace(/[\u00A0\u2007\u202F]/g, ' ')
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, '');
}

export type TextBlock = { kind: 'paragraph'; text: string } | { kind: 'bullets'; items: string[] };

const BULLET = /^\s*(?:[-*•·▪–]|\u2022)\s+(.*)$/;

/**
 * An item's text as blocks: paragraphs separated by blank lines, and bullet lists of lines that
 * start with "-", "*" or "•". The editor, the preview and the letter all read text this way.
 */
export function parseTextBlocks(text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  let paragraph: string[] = [];
  let bullets: string[] = [];
  const flushParagraph = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', text: paragraph.join(' ') });
    paragraph = [];
  };
  const flushBullets = () => {
    if (bullets.length > 0) blocks.push({ kind: 'bullets', items: bullets });
    bullets = [];
  };
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim();
    if (line === '') {
      flushParagraph();
      flushBullets();
      continue;
    }
    const bullet = BULLET.exec(line);
    if (bullet) {
      flushParagraph();
      bullets.push(bullet[1]!.trim());
    } else {
      flushBullets();
      paragraph.push(line);
    }
  }
  flushParagraph();
  flushBullets();
  return blocks;
}
