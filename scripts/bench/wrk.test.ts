import { durationMs, luaScript, parseWrk } from './wrk';

// wrk 4.1's report with --latency, as it prints it.
const REPORT = `Running 10s test @ http://127.0.0.1:37187
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     4.21ms    3.90ms  41.07ms   87.12%
    Req/Sec     1.93k   231.18     2.25k    70.00%
  Latency Distribution
     50%  812.00us
     75%    4.89ms
     90%    8.82ms
     99%   1.02s
  38412 requests in 10.00s, 12.30MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 3
Requests/sec:   3838.31
Transfer/sec:      1.23MB
`;

describe('wrk', () => {
  it('reads the rate, the median and 99th percentile, and counts every error', () => {
    expect(parseWrk(REPORT)).toEqual({
      requests: 38412,
      perSecond: 3838.31,
      p50Ms: 0.812,
      p99Ms: 1020,
      errors: 6,
    });
  });

  it('counts no errors when wrk reports none', () => {
    const clean = REPORT.split('\n')
      .filter(line => !/Socket errors|Non-2xx/.test(line))
      .join('\n');
    expect(parseWrk(clean).errors).toBe(0);
  });

  it('refuses output that is not a report, rather than reading zeros', () => {
    expect(() => parseWrk('unable to connect to 127.0.0.1:1')).toThrow(
      /printed no/,
    );
    expect(() => durationMs('12 ms')).toThrow(/not a wrk duration/);
  });

  it('writes a script per request kind, with the headers on every request', () => {
    const headers = { Authorization: 'Bearer a"b' };
    const post = luaScript(
      { method: 'POST', path: '/api/v1/items', body: { name: 'x"y' } },
      headers,
    );
    expect(post).toContain('wrk.method = "POST"');
    expect(post).toContain('wrk.body = "{\\"name\\":\\"x\\\\\\"y\\"}"');
    expect(post).toContain('wrk.headers["Authorization"] = "Bearer a\\"b"');
    const get = luaScript(
      { method: 'GET', pathPrefix: '/api/v1/items/', ids: ['a', 'b'] },
      {},
    );
    expect(get).toContain('local ids = { "a", "b" }');
    expect(get).toContain('wrk.format("GET", "/api/v1/items/" .. ids[next])');
    expect(luaScript({ method: 'GET', path: '/api/v1/items' }, {})).toBe(
      'wrk.path = "/api/v1/items"\n',
    );
  });
});
