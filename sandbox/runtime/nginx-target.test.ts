import { describe, expect, it } from 'vitest';
import { ACCESS_LOG_FIELDS } from '../../nginx/render.js';
import { nginxConnectionOf, nginxErrorNote, parseNginxLine } from './nginx-target.js';

/** A line as nginx writes it with the sandbox log format (escape=json). */
const line = (values: Record<string, string>) =>
  JSON.stringify({
    ...Object.fromEntries(Object.keys(ACCESS_LOG_FIELDS).map((key) => [key, ''])),
    instance: 'web-1',
    ...values,
  });

describe('parseNginxLine', () => {
  it('splits headers (without the header: prefix) from the other details', () => {
    const observation = parseNginxLine(
      'web-1',
      line({
        remote_addr: '127.0.0.1',
        remote_port: '50312',
        status: '200',
        ssl_protocol: 'TLSv1.3',
        ssl_client_verify: 'SUCCESS',
        ssl_client_s_dn: 'CN=clientA,O=example.org',
        'header:host': 'localhost:8443',
        'header:user-agent': 'curl/7.88.1',
      }),
    );
    expect(observation.name).toBe('web-1');
    expect(observation.remoteAddress).toBe('127.0.0.1');
    expect(observation.receivedHeaders).toEqual({ host: 'localhost:8443', 'user-agent': 'curl/7.88.1' });
    expect(observation.details).toMatchObject({
      remote_addr: '127.0.0.1',
      remote_port: '50312',
      status: '200',
      ssl_protocol: 'TLSv1.3',
      ssl_client_verify: 'SUCCESS',
      ssl_client_s_dn: 'CN=clientA,O=example.org',
    });
    expect(Object.keys(observation.details).some((key) => key.startsWith('header:'))).toBe(false);
  });

  it('drops headers that were not sent (nginx logs them empty) but keeps empty details', () => {
    const observation = parseNginxLine('web-2', line({ remote_addr: '127.0.0.1', 'header:host': 'localhost' }));
    expect(observation.receivedHeaders).toEqual({ host: 'localhost' });
    expect(observation.details.ssl_client_s_dn).toBe('');
    expect(observation.details.proxy_protocol_addr).toBe('');
  });

  it('has every non-header field of the log format as a detail, not the instance name or connection number', () => {
    const details = parseNginxLine('web-1', line({})).details;
    const expected = Object.keys(ACCESS_LOG_FIELDS).filter((key) => !key.startsWith('header:') && key !== 'connection');
    expect(Object.keys(details).sort()).toEqual(expected.sort());
    expect(details).not.toHaveProperty('instance');
    expect(details).not.toHaveProperty('connection');
  });

  it('names the observation after the target it was read for', () => {
    expect(parseNginxLine('web-2', line({ instance: 'web-1' })).name).toBe('web-2');
  });

  it('keeps header values nginx escaped, decoded (quotes, backslashes, URL-encoded PEM)', () => {
    const pem = '-----BEGIN%20CERTIFICATE-----%0AMIIB+/=%0A-----END%20CERTIFICATE-----%0A';
    const observation = parseNginxLine(
      'web-1',
      line({ 'header:x-amzn-mtls-clientcert': pem, 'header:cookie': 'a="b\\c"' }),
    );
    expect(observation.receivedHeaders['x-amzn-mtls-clientcert']).toBe(pem);
    expect(observation.receivedHeaders.cookie).toBe('a="b\\c"');
  });

  it('gives an empty remote address when the line has none', () => {
    expect(parseNginxLine('web-1', JSON.stringify({ status: '400' })).remoteAddress).toBe('');
  });

  it('throws on a line that is not JSON', () => {
    expect(() => parseNginxLine('web-1', '127.0.0.1 - - [01/Jan/2026] "GET / HTTP/1.1" 200')).toThrow(SyntaxError);
  });
});

describe('nginxErrorNote', () => {
  it("keeps nginx's reason for a request, without the time, process and request it repeats", () => {
    expect(
      nginxErrorNote(
        '2026/12/07 14:25:47 [info] 29862#29862: *1 client sent no required SSL certificate while reading client request headers, client: 127.0.0.1, server: , request: "HEAD / HTTP/1.1", host: "127.0.0.1:47111"',
      ),
    ).toBe('client sent no required SSL certificate while reading client request headers');
    expect(
      nginxErrorNote(
        '2026/12/07 14:25:47 [info] 29862#29862: *3 client SSL certificate verify error: (21:unable to verify the first certificate) while reading client request headers, client: 127.0.0.1, server: , request: "GET / HTTP/1.1"',
      ),
    ).toBe(
      'client SSL certificate verify error: (21:unable to verify the first certificate) while reading client request headers',
    );
  });

  it('leaves out lines about no request and a keep-alive connection closing', () => {
    expect(nginxErrorNote('2026/12/07 14:25:34 [notice] 29449#29449: start worker processes')).toBeNull();
    expect(
      nginxErrorNote('2026/12/07 14:25:47 [info] 29862#29862: *4 client 127.0.0.1 closed keepalive connection'),
    ).toBeNull();
    expect(nginxErrorNote('not a log line')).toBeNull();
  });

  it("keeps only the lines about the request's own connection when it is known", () => {
    const healthCheck =
      '2026/12/07 14:25:47 [info] 29862#29862: *7 client closed connection while SSL handshaking, client: 127.0.0.1, server: 127.0.0.1:47111';
    const request =
      '2026/12/07 14:25:47 [info] 29862#29862: *8 client sent no required SSL certificate while reading client request headers, client: 127.0.0.1, server: , request: "HEAD / HTTP/1.1"';
    expect(nginxErrorNote(healthCheck, '8')).toBeNull();
    expect(nginxErrorNote(request, '8')).toBe(
      'client sent no required SSL certificate while reading client request headers',
    );
    expect(nginxErrorNote(healthCheck, null)).toBe('client closed connection while SSL handshaking');
  });
});

describe('nginxConnectionOf', () => {
  it("reads the access-log line's connection number, and null when the line has none", () => {
    expect(nginxConnectionOf(JSON.stringify({ connection: '8', status: '400' }))).toBe('8');
    expect(nginxConnectionOf(JSON.stringify({ status: '400' }))).toBeNull();
    expect(nginxConnectionOf(JSON.stringify({ connection: '' }))).toBeNull();
    expect(nginxConnectionOf('not json')).toBeNull();
  });

  it('keeps the connection number out of what the target saw', () => {
    expect(parseNginxLine('web-1', JSON.stringify({ connection: '8', status: '400' })).details).toEqual({
      status: '400',
    });
  });
});
