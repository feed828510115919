// A small client for the LocalStack APIs the sandbox uses — health, SSM, S3, CloudFormation — over plain fetch.
// LocalStack does not check request signatures by default; it reads the account and region from the credential
// scope of the Authorization header, so requests carry a well-formed header with the dummy key "test"
// (account 000000000000) and region us-east-1, as the AWS CLI pointed at LocalStack would.

import type { ParameterStore } from '../scenario.js';

export const ACCOUNT = '000000000000';
export const REGION = 'us-east-1';
export const DEFAULT_ENDPOINT = 'http://127.0.0.1:4566';

export interface Health {
  version: string;
  edition: string;
  /** Service name → "available", "running", "disabled"… */
  services: Record<string, string>;
}

export interface Parameter {
  name: string;
  value: string;
  type: string;
  version: number;
}

export interface HostedZone {
  /** e.g. "/hostedzone/1DYDKAG8A8SN1UNT34O5EZ" */
  id: string;
  name: string;
}

/** A record set as LocalStack's Route 53 holds it. */
export interface HeldRecordSet {
  name: string;
  type: string;
  setIdentifier: string | null;
  failover: string | null;
  healthCheckId: string | null;
  aliasDnsName: string | null;
}

/** A health check's configuration as LocalStack's Route 53 holds it. */
export interface HeldHealthCheck {
  id: string;
  type: string;
  port: number;
  fqdn: string | null;
  requestIntervalSeconds: number;
  failureThreshold: number;
}

export interface StackResource {
  logicalId: string;
  physicalId: string;
  type: string;
  status: string;
  reason: string | null;
}

export class LocalStackError extends Error {}

export class LocalStackClient implements ParameterStore {
  constructor(readonly endpoint: string = DEFAULT_ENDPOINT) {}

  /** GET /_localstack/health; null when nothing (or something else) answers. */
  async health(timeoutMs = 1000): Promise<Health | null> {
    try {
      const response = await fetch(`${this.endpoint}/_localstack/health`, { signal: AbortSignal.timeout(timeoutMs) });
      if (!response.ok) return null;
      const body = (await response.json()) as Partial<Health>;
      if (typeof body.services !== 'object' || body.services === null) return null;
      return {
        version: String(body.version ?? 'unknown'),
        edition: String(body.edition ?? 'unknown'),
        services: body.services,
      };
    } catch {
      return null;
    }
  }

  // --- SSM (JSON 1.1 protocol) ---

  async putParameter(name: string, value: string, type = 'String'): Promise<number> {
    const result = (await this.ssm('PutParameter', { Name: name, Value: value, Type: type, Overwrite: true })) as {
      Version: number;
    };
    return result.Version;
  }

  async getParameter(name: string): Promise<Parameter | null> {
    const [found] = await this.getParameters([name]);
    return found ?? null;
  }

  /** GetParameters, as ECS does for a task definition's `secrets` (names it cannot find are left out). */
  async getParameters(names: string[]): Promise<Parameter[]> {
    const result = (await this.ssm('GetParameters', { Names: names, WithDecryption: true })) as {
      Parameters?: { Name: string; Value: string; Type: string; Version: number }[];
    };
    return (result.Parameters ?? []).map((p) => ({ name: p.Name, value: p.Value, type: p.Type, version: p.Version }));
  }

  private async ssm(action: string, body: unknown): Promise<unknown> {
    const response = await this.request('ssm', '/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AmazonSSM.${action}` },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new LocalStackError(`SSM ${action} failed: HTTP ${response.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as unknown;
  }

  // --- S3 (REST, path-style) ---

  /** CreateBucket; an existing bucket of ours is fine. */
  async createBucket(bucket: string): Promise<void> {
    const response = await this.request('s3', `/${encodeURIComponent(bucket)}`, { method: 'PUT' });
    const text = await response.text();
    if (!response.ok && !/BucketAlreadyOwnedByYou/.test(text))
      throw new LocalStackError(`S3 CreateBucket ${bucket} failed: HTTP ${response.status} ${text.slice(0, 300)}`);
  }

  async putObject(bucket: string, key: string, body: string, contentType = 'application/x-pem-file'): Promise<void> {
    const response = await this.request('s3', objectPath(bucket, key), {
      method: 'PUT',
      body,
      headers: { 'content-type': contentType },
    });
    if (!response.ok)
      throw new LocalStackError(
        `S3 PutObject s3://${bucket}/${key} failed: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`,
      );
    await response.arrayBuffer();
  }

  /** GetObject with its content type; null when there is no such object (NoSuchKey). */
  async getObjectIfExists(bucket: string, key: string): Promise<{ body: Buffer; contentType: string } | null> {
    const response = await this.request('s3', objectPath(bucket, key), { method: 'GET' });
    if (response.status === 404) {
      await response.arrayBuffer();
      return null;
    }
    if (!response.ok)
      throw new LocalStackError(
        `S3 GetObject s3://${bucket}/${key} failed: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`,
      );
    return {
      body: Buffer.from(await response.arrayBuffer()),
      contentType: response.headers.get('content-type') ?? 'application/octet-stream',
    };
  }

  async getObject(bucket: string, key: string): Promise<string> {
    const response = await this.request('s3', objectPath(bucket, key), { method: 'GET' });
    const text = await response.text();
    if (!response.ok)
      throw new LocalStackError(
        `S3 GetObject s3://${bucket}/${key} failed: HTTP ${response.status} ${text.slice(0, 300)}`,
      );
    return text;
  }

  // --- Route 53 (REST, XML answers) ---

  /** The hosted zone with exactly this name (trailing dot optional), or null. */
  async findHostedZone(name: string): Promise<HostedZone | null> {
    const wanted = `${name.replace(/\.$/, '')}.`.toLowerCase();
    const xml = await this.route53('GET', `/2013-04-01/hostedzonesbyname?dnsname=${encodeURIComponent(wanted)}`);
    return (
      xmlBlocks(xml, 'HostedZone')
        .map(parseHostedZone)
        .find((zone) => zone.name.toLowerCase() === wanted) ?? null
    );
  }

  async createHostedZone(name: string, callerReference: string, comment: string): Promise<HostedZone> {
    const body = `<?xml version="1.0" encoding="UTF-8"?><CreateHostedZoneRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Name>${escapeXml(name)}</Name><CallerReference>${escapeXml(callerReference)}</CallerReference><HostedZoneConfig><Comment>${escapeXml(comment)}</Comment></HostedZoneConfig></CreateHostedZoneRequest>`;
    const xml = await this.route53('POST', '/2013-04-01/hostedzone', body);
    return parseHostedZone(xmlBlocks(xml, 'HostedZone')[0] ?? '');
  }

  async listResourceRecordSets(zoneId: string): Promise<HeldRecordSet[]> {
    const xml = await this.route53('GET', `/2013-04-01/hostedzone/${zoneId.replace(/^\/hostedzone\//, '')}/rrset`);
    return xmlBlocks(xml, 'ResourceRecordSet').map((block) => ({
      name: xmlField(block, 'Name') ?? '',
      type: xmlField(block, 'Type') ?? '',
      setIdentifier: xmlField(block, 'SetIdentifier'),
      failover: xmlField(block, 'Failover'),
      healthCheckId: xmlField(block, 'HealthCheckId'),
      aliasDnsName: xmlField(xmlBlocks(block, 'AliasTarget')[0] ?? '', 'DNSName'),
    }));
  }

  async getHealthCheck(id: string): Promise<HeldHealthCheck> {
    const xml = await this.route53('GET', `/2013-04-01/healthcheck/${encodeURIComponent(id)}`);
    const config = xmlBlocks(xml, 'HealthCheckConfig')[0] ?? '';
    return {
      id,
      type: xmlField(config, 'Type') ?? '',
      port: Number(xmlField(config, 'Port') ?? 0),
      fqdn: xmlField(config, 'FullyQualifiedDomainName'),
      requestIntervalSeconds: Number(xmlField(config, 'RequestInterval') ?? 30),
      failureThreshold: Number(xmlField(config, 'FailureThreshold') ?? 3),
    };
  }

  /** GetHealthCheckStatus: the checkers' last observations, as the API returns them. */
  async getHealthCheckStatus(id: string): Promise<{ ipAddress: string | null; status: string }[]> {
    const xml = await this.route53('GET', `/2013-04-01/healthcheck/${encodeURIComponent(id)}/status`);
    return xmlBlocks(xml, 'HealthCheckObservation').map((block) => ({
      ipAddress: xmlField(block, 'IPAddress'),
      status: xmlField(block, 'Status') ?? '',
    }));
  }

  private async route53(method: string, path: string, body?: string): Promise<string> {
    const response = await this.request('route53', path, {
      method,
      ...(body ? { body, headers: { 'content-type': 'application/xml' } } : {}),
    });
    const text = await response.text();
    if (!response.ok)
      throw new LocalStackError(`Route 53 ${method} ${path} failed: HTTP ${response.status} ${text.slice(0, 300)}`);
    return text;
  }

  // --- CloudFormation (query protocol, XML answers) ---

  async describeStackResources(stackName: string): Promise<StackResource[]> {
    const form = new URLSearchParams({ Action: 'DescribeStackResources', StackName: stackName, Version: '2010-05-15' });
    const response = await this.request('cloudformation', '/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    const text = await response.text();
    if (!response.ok)
      throw new LocalStackError(
        `CloudFormation DescribeStackResources ${stackName} failed: HTTP ${response.status} ${text.slice(0, 300)}`,
      );
    return parseStackResources(text);
  }

  /** The template a deployed stack was created from (LocalStack answers it as YAML text), or null when there is none. */
  async getTemplate(stackName: string): Promise<string | null> {
    const form = new URLSearchParams({ Action: 'GetTemplate', StackName: stackName, Version: '2010-05-15' });
    const response = await this.request('cloudformation', '/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    const text = await response.text();
    if (response.status === 400 && /does not exist|ValidationError/.test(text)) return null;
    if (!response.ok)
      throw new LocalStackError(
        `CloudFormation GetTemplate ${stackName} failed: HTTP ${response.status} ${text.slice(0, 300)}`,
      );
    return xmlField(text, 'TemplateBody');
  }

  private request(service: string, path: string, init: RequestInit): Promise<Response> {
    const date = new Date().toISOString().slice(0, 10).replaceAll('-', '');
    const headers = {
      ...(init.headers as Record<string, string> | undefined),
      authorization: `AWS4-HMAC-SHA256 Credential=test/${date}/${REGION}/${service}/aws4_request, SignedHeaders=host, Signature=0000`,
    };
    return fetch(`${this.endpoint}${path}`, { ...init, headers, signal: AbortSignal.timeout(30_000) }).catch(
      (error: Error) => {
        throw new LocalStackError(
          `LocalStack at ${this.endpoint} did not answer ${service} (${error.cause instanceof Error ? error.cause.message : error.message}). Is it still running?`,
        );
      },
    );
  }
}

function objectPath(bucket: string, key: string): string {
  return `/${encodeURIComponent(bucket)}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

/** The <member> entries of a DescribeStackResources answer. Pure. */
export function parseStackResources(xml: string): StackResource[] {
  const field = (block: string, name: string): string | null => {
    const match = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(block);
    return match ? unescapeXml(match[1]!) : null;
  };
  return [...xml.matchAll(/<member>([\s\S]*?)<\/member>/g)].map((m) => ({
    logicalId: field(m[1]!, 'LogicalResourceId') ?? '',
    physicalId: field(m[1]!, 'PhysicalResourceId') ?? '',
    type: field(m[1]!, 'ResourceType') ?? '',
    status: field(m[1]!, 'ResourceStatus') ?? '',
    reason: field(m[1]!, 'ResourceStatusReason'),
  }));
}

function xmlBlocks(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]!);
}

function xmlField(block: string, name: string): string | null {
  const match = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(block);
  return match ? unescapeXml(match[1]!) : null;
}

function parseHostedZone(block: string): HostedZone {
  return { id: xmlField(block, 'Id') ?? '', name: xmlField(block, 'Name') ?? '' };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * Where an already running LocalStack would be: AWS_ENDPOINT_URL, else LOCALSTACK_HOST (host:port, as LocalStack's
 * own tools read it), else 127.0.0.1:4566. localhost.localstack.cloud is a public DNS name for 127.0.0.1; offline
 * it does not resolve, so 127.0.0.1 is used for it. Pure.
 */
export function endpointFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const fromUrl = env.AWS_ENDPOINT_URL?.trim();
  if (fromUrl) return fromUrl.replace(/\/+$/, '').replace('//localhost.localstack.cloud', '//127.0.0.1');
  const host = env.LOCALSTACK_HOST?.trim();
  if (host) {
    const [name, port] = host.split(':');
    return `http://${!name || name === 'localhost.localstack.cloud' ? '127.0.0.1' : name}:${port || '4566'}`;
  }
  return DEFAULT_ENDPOINT;
}
