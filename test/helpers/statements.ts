import pg from 'pg';

/**
 * Records the text of every statement a pg client of this process sends (the test app runs in
 * it) from `start` until `stop`.
 */
export function statementRecorder() {
  const statements: string[] = [];
  const query = pg.Client.prototype.query;
  return {
    statements,
    start(): void {
      pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
        const [text] = args;
        statements.push(
          typeof text === 'string' ? text : ((text as { text?: string })?.text ?? '?'),
        );
        return (query as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof query;
    },
    stop(): void {
      pg.Client.prototype.query = query;
    },
  };
}
