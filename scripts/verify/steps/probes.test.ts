import { countMetrics } from './probes';

describe('countMetrics', () => {
  it('counts families and samples of Prometheus text', () => {
    const text = [
      '# HELP http_requests_total Requests.',
      '# TYPE http_requests_total counter',
      'http_requests_total{method="GET",status="200"} 3.0',
      '# TYPE process_open_fds gauge',
      'process_open_fds 12',
    ].join('\n');
    expect(countMetrics(text)).toEqual({ families: 2, samples: 2 });
  });

  it('refuses text that names families but holds no sample', () => {
    expect(
      countMetrics('# HELP x_total X.\n# TYPE x_total counter\n'),
    ).toBeUndefined();
  });

  it('refuses a body that is not Prometheus text', () => {
    expect(countMetrics('{"detail":"Not Found"}')).toBeUndefined();
    expect(countMetrics('')).toBeUndefined();
  });
});
