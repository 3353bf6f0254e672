import { GovButton, type GovButtonProps } from '@gov-design-system-ce/react';
import type { ButtonHTMLAttributes, ReactNode } from 'react';

type ButtonProps = Pick<GovButtonProps, 'color' | 'type' | 'size' | 'expanded' | 'className'> &
  Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'color' | 'disabled'> & {
    nativeType?: 'button' | 'submit';
    /** While an action is under way the button is really disabled (the design system's own flag only greys it). */
    busy?: boolean;
    children: ReactNode;
  };

/** The design system's button around a native button that can truly be disabled. */
export function Button({ color, type, size, expanded, className, nativeType = 'button', busy = false, children, ...button }: ButtonProps) {
  return (
    <GovButton color={color} type={type} size={size} expanded={expanded} className={className} asChild>
      <button {...button} type={nativeType} disabled={busy} aria-busy={busy || undefined}>
        {children}
      </button>
    </GovButton>
  );
}
