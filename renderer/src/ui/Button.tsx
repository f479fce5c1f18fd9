import type { ButtonHTMLAttributes, Ref } from 'react';

type Appearance = 'primary' | 'secondary' | 'subtle' | 'danger';

const APPEARANCE_CLASS: Record<Appearance, string> = {
  primary: 'utrecht-button--primary-action',
  secondary: 'utrecht-button--secondary-action',
  subtle: 'utrecht-button--subtle',
  danger: 'utrecht-button--primary-action utrecht-button--danger',
};

/** NL Design System button (Utrecht component CSS). */
export function Button({
  appearance = 'secondary',
  className,
  type = 'button',
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { appearance?: Appearance; ref?: Ref<HTMLButtonElement> }) {
  const classes = ['utrecht-button', APPEARANCE_CLASS[appearance], className].filter(Boolean).join(' ');
  return <button type={type} className={classes} {...props} />;
}
