/** The lines of a textarea as a list: each trimmed, empty lines dropped (documents, cc, tables, organisations). */
export function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}
