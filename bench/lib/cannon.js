import autocannon from 'autocannon';

/**
 * POSTs GraphQL to `url`/graphql over `connections` keep-alive connections for `seconds`.
 * `request()` (optional) gives each request its own {body, headers}; `verify(body)` decides
 * whether a 200 answer is a success (GraphQL errors come with 200). Figures count successes only.
 */
export async function cannon({ url, connections, seconds, body, headers = {}, request, verify }) {
  const baseHeaders = { 'content-type': 'application/json', ...headers };
  let firstBad = null;
  const verifyBody =
    verify &&
    ((answer) => {
      const good = verify(answer);
      if (!good) firstBad ??= answer.slice(0, 500);
      return good;
    });
  // A request() that fails (fresh pairs ran out) stops the run; the bench then fails, it does
  // not measure repeats.
  let failure = null;
  let instance = null;
  const fail = (error) => {
    failure ??= error;
    instance?.stop();
  };
  instance = autocannon({
    url: `${url}/graphql`,
    connections,
    duration: seconds,
    pipelining: 1,
    timeout: 30,
    method: 'POST',
    headers: baseHeaders,
    body,
    verifyBody,
    ...(request && {
      requests: [
        {
          setupRequest(req) {
            try {
              const next = request();
              return { ...req, body: next.body, headers: { ...baseHeaders, ...next.headers } };
            } catch (error) {
              fail(error);
              return { ...req, body: '{"query":"{ __typename }"}' };
            }
          },
        },
      ],
    }),
  });
  if (failure) instance.stop();
  const result = await instance;
  if (failure) throw failure;
  const ok = result['2xx'] - result.mismatches;
  return {
    rps: ok / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok,
    bad: result.mismatches + result.non2xx + result.errors + result.timeouts,
    firstError: firstBad,
  };
}
