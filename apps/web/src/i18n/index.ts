import { cs, type Messages } from './cs';

/** The active catalogue; Czech is the only one today. */
const messages: Messages = cs;

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends Record<string, string>
    ? string extends keyof T[K]
      ? `${Prefix}${K}.${string}`
      : Leaves<T[K], `${Prefix}${K}.`>
    : T[K] extends string
      ? `${Prefix}${K}`
      : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** A key of the catalogue, e.g. `inbox.claim`. */
export type MessageKey = Leaves<Messages>;

/** The text of `key` with `{name}` placeholders filled in; an unknown key shows itself, so it is noticed. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  let node: unknown = messages;
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  const text = typeof node === 'string' ? node : key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Whether the catalogue has a text for `key` (for codes the server may add later). */
export function hasMessage(key: string): boolean {
  let node: unknown = messages;
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === 'string';
}
