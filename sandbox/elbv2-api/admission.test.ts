import { describe, expect, it } from 'vitest';
import { type ArrivingRequest, admit, isLoopback } from './admission.js';
import { signedHeaders } from './query-client.js';

const PORT = 4566;
const HOST = `127.0.0.1:${PORT}`;

/** What the AWS CLI sends: POST, form body, signed. */
function cli(overrides: Partial<ArrivingRequest> & { set?: Record<string, string | undefined> } = {}): ArrivingRequest {
  const headers: Record<string, string | undefined> = { ...signedHeaders(HOST, 'Action=DescribeLoadBalancers') };
  for (const [name, value] of Object.entries(overrides.set ?? {})) headers[name] = value;
  return {
    method: 'POST',
    url: '/',
    remoteAddress: '127.0.0.1',
    ...overrides,
    headers: Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== undefined)),
  };
}

const refusal = (request: ArrivingRequest) => {
  const admission = admit(request, PORT);
  if (admission.kind !== 'refused') throw new Error(`admitted: ${JSON.stringify(admission)}`);
  return admission;
};

describe('admit: what the user’s own tools send', () => {
  it('admits a signed form POST addressed to 127.0.0.1:PORT or localhost:PORT', () => {
    expect(admit(cli(), PORT)).toEqual({ kind: 'query' });
    expect(admit(cli({ set: { host: `localhost:${PORT}` } }), PORT)).toEqual({ kind: 'query' });
    expect(admit(cli({ set: { host: `LocalHost:${PORT}` } }), PORT)).toEqual({ kind: 'query' });
  });

  it('admits the content types the AWS CLI (charset=utf-8) and the JavaScript SDK (none) send', () => {
    for (const type of [
      'application/x-www-form-urlencoded',
      'application/x-www-form-urlencoded; charset=utf-8',
      'application/x-www-form-urlencoded;charset=UTF-8',
      'application/x-www-form-urlencoded; charset="utf-8"',
    ])
      expect(admit(cli({ set: { 'content-type': type } }), PORT), type).toEqual({ kind: 'query' });
  });

  it('admits the Authorization header of the JavaScript SDK, with its longer SignedHeaders and any access key', () => {
    const sdk =
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/eu-west-1/elasticloadbalancing/aws4_request, SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-date;x-amz-user-agent, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7';
    expect(admit(cli({ set: { authorization: sdk } }), PORT)).toEqual({ kind: 'query' });
  });

  it('admits a browser tab the user opened on the bundle URL (Sec-Fetch-Site: none), GET only there', () => {
    const bundle = { method: 'GET', url: '/trust-store-bundles/0123456789abcdef.pem' };
    expect(admit(cli({ ...bundle, set: { 'sec-fetch-site': 'none' } }), PORT)).toEqual({
      kind: 'bundle',
      id: '0123456789abcdef',
    });
  });
});

describe('admit: what a web page, a rebound host name or another machine sends', () => {
  it('refuses a peer that is not loopback', () => {
    expect(refusal(cli({ remoteAddress: '10.0.0.5' })).error).toMatchObject({ code: 'AccessDenied', status: 403 });
  });

  it('refuses a foreign Host with 403, naming it and the address it answers on', () => {
    for (const host of ['rebind.evil.example', `rebind.evil.example:${PORT}`, '127.0.0.1:1', `[::1]:${PORT}`, '']) {
      const { error } = refusal(cli({ set: { host } }));
      expect([error.code, error.status], host).toEqual(['AccessDenied', 403]);
      expect(error.message).toContain(`addressed to 127.0.0.1:${PORT} (or localhost:${PORT}) only`);
      expect(error.message).toContain(`"${host}"`);
    }
    expect(refusal(cli({ set: { host: undefined } })).error.message).toContain('addressed to no Host');
  });

  it('refuses any Origin, even "null" and its own, with 403', () => {
    for (const origin of ['https://evil.example', 'null', `http://127.0.0.1:${PORT}`]) {
      const { error } = refusal(cli({ set: { origin } }));
      expect([error.code, error.status]).toEqual(['AccessDenied', 403]);
      expect(error.message).toContain(`refuses requests made by web pages (Origin: ${origin})`);
    }
  });

  it('refuses Sec-Fetch-Site other than none with 403', () => {
    for (const site of ['cross-site', 'same-site', 'same-origin']) {
      const { error } = refusal(cli({ set: { 'sec-fetch-site': site } }));
      expect([error.code, error.status]).toEqual(['AccessDenied', 403]);
      expect(error.message).toContain(`Sec-Fetch-Site: ${site}`);
    }
  });

  it('refuses GET (and every method but POST) with 405 and Allow: POST', () => {
    for (const method of ['GET', 'PUT', 'OPTIONS', 'DELETE', 'HEAD']) {
      const refused = refusal(cli({ method, url: '/?Action=DeleteRule&RuleArn=x' }));
      expect([refused.error.code, refused.error.status, refused.allow]).toEqual(['MethodNotAllowed', 405, 'POST']);
      expect(refused.error.message).toContain('takes POST only');
    }
  });

  it('refuses a text/plain, multipart or JSON body, or none, with 415', () => {
    for (const type of [
      'text/plain',
      'multipart/form-data; boundary=x',
      'application/json',
      'application/x-www-form-urlencoded; charset=iso-8859-1',
      'application/x-www-form-urlencoded; charset=utf-8; x=y',
      undefined,
    ]) {
      const { error } = refusal(cli({ set: { 'content-type': type } }));
      expect([error.code, error.status], type).toEqual(['UnsupportedMediaType', 415]);
      expect(error.message).toContain('Content-Type: application/x-www-form-urlencoded');
    }
  });

  it('refuses a request without Authorization (403, how to sign with curl) or with a malformed one (400)', () => {
    const missing = refusal(cli({ set: { authorization: undefined } })).error;
    expect([missing.code, missing.status]).toEqual(['MissingAuthenticationToken', 403]);
    expect(missing.message).toContain('--aws-sigv4 aws:amz:us-east-1:elasticloadbalancing --user test:test');
    for (const authorization of [
      'Basic dGVzdDp0ZXN0',
      'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=' +
        'a'.repeat(64),
      'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/elasticloadbalancing/aws4_request, SignedHeaders=x-amz-date, Signature=' +
        'a'.repeat(64),
      'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/elasticloadbalancing/aws4_request, SignedHeaders=host, Signature=xyz',
    ]) {
      const { error } = refusal(cli({ set: { authorization } }));
      expect([error.code, error.status], authorization).toEqual(['IncompleteSignature', 400]);
    }
  });

  it('checks Host and Origin before the method: a page cannot learn which paths exist', () => {
    const refused = refusal(
      cli({ method: 'GET', url: '/trust-store-bundles/0123456789abcdef.pem', set: { origin: 'https://evil.example' } }),
    );
    expect(refused.error.status).toBe(403);
  });
});

describe('isLoopback', () => {
  it('takes 127.0.0.0/8 and ::1, also IPv4-mapped, and nothing else', () => {
    for (const address of ['127.0.0.1', '127.3.2.1', '::1', '::ffff:127.0.0.1']) expect(isLoopback(address)).toBe(true);
    for (const address of ['10.0.0.1', '::ffff:192.168.1.2', '128.0.0.1', '', undefined])
      expect(isLoopback(address)).toBe(false);
  });
});
