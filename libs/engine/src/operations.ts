/** Operations that take a context first, as their owner offers them: bound to that context. */
export type Bound<Operations, Context> = {
  readonly [Name in keyof Operations]: Operations[Name] extends (context: Context, ...args: infer Args) => infer Result ? (...args: Args) => Result : never;
};

/**
 * Binds each operation of a table to a context, so that a thin front (the engine for its
 * command processors, the executor for its behaviour files) offers them as its own methods.
 */
export function bindOperations<Context, Operations extends Record<string, (context: Context, ...args: never[]) => unknown>>(
  context: Context,
  operations: Operations,
): Bound<Operations, Context> {
  const bound: Record<string, unknown> = {};
  for (const [name, operation] of Object.entries(operations)) bound[name] = (...args: never[]) => operation(context, ...args);
  return bound as Bound<Operations, Context>;
}
