import type { HTMLAttributes } from 'react';

export function Heading({ level, className, ...props }: HTMLAttributes<HTMLHeadingElement> & { level: 1 | 2 | 3 }) {
  const Tag = `h${level}` as const;
  return <Tag className={[`utrecht-heading-${level}`, className].filter(Boolean).join(' ')} {...props} />;
}

export function Paragraph({ className, ...props }: HTMLAttributes<HTMLParagraphElement>) {
  return <p className={['utrecht-paragraph', className].filter(Boolean).join(' ')} {...props} />;
}
