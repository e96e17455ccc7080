/** Polls until `check` returns a value that is not undefined, or fails after `deadlineMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  { deadlineMs = 20_000, everyMs = 100, what = 'the condition' } = {},
): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${deadlineMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
