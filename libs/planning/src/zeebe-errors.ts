/** gRPC status ALREADY_EXISTS, as Zeebe answers a message id that was already published. */
const ALREADY_EXISTS = 6;

export function isAlreadyExists(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === ALREADY_EXISTS;
}
