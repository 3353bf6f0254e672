/** Parses a variables field typed as JSON: empty is none, otherwise it must be a JSON object. */
export function parseVariables(text: string): Record<string, unknown> | undefined | 'invalid' {
  if (!text.trim()) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : 'invalid';
  } catch {
    return 'invalid';
  }
}
