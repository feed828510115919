// What LocalStack holds for a stack with Route 53 records and CloudFront, and what it does not do.
// - Before the deploy: a record set that names its zone by HostedZoneName expects the zone to exist already (in seed
//   003 the company's zone served the ALB before the move); LocalStack 2026.3.0's free edition has no CloudFormation
//   provider for AWS::Route53::HostedZone (it takes it as a no-op), so such zones are created through the Route 53
//   API (CreateHostedZone), as they would already exist in the account.
// - After the deploy: the scenario's static files go into the stack's buckets (as `aws s3 cp` would), and the
//   records and health checks are read back (ListResourceRecordSets, GetHealthCheck, GetHealthCheckStatus) to show
//   that LocalStack stores them — and that it does not evaluate them: its health check status is a fixed answer.
import { type Message, msg } from '../messages.js';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Topology } from '../model/topology.js';
import type { ScenarioDefinition } from '../scenario.js';
import type { HeldHealthCheck, LocalStackClient, StackResource } from './client.js';

/** Health checks (by logical id) and records as LocalStack holds them, read back after the deploy. */
export interface HeldRoute53 {
  healthChecks: Map<string, HeldHealthCheck>;
  /** One line per record set, for the run's output. */
  summary: Message[];
  /** What GetHealthCheckStatus answered, per health check logical id. */
  statusAnswers: Map<string, string>;
}

/** Zones named by HostedZoneName in the stack's record sets (not created by the stack itself). Pure. */
export function zonesExpectedToExist(topology: Topology): string[] {
  const dns = topology.dns;
  if (!dns) return [];
  const created = new Set(dns.hostedZones.map((zone) => zone.name));
  return [
    ...new Set(
      dns.records.map((record) => record.zoneName).filter((name): name is string => !!name && !created.has(name)),
    ),
  ];
}

export async function ensureHostedZones(
  client: LocalStackClient,
  topology: Topology,
  scenarioId: string,
): Promise<Message[]> {
  const lines: Message[] = [];
  for (const name of zonesExpectedToExist(topology)) {
    const existing = await client.findHostedZone(name);
    if (existing) {
      lines.push(msg('localstack.zone-exists', { name, id: existing.id }));
      continue;
    }
    const zone = await client.createHostedZone(
      name,
      `mtls-sandbox-${scenarioId}-${Date.now()}`,
      `mtls-sandbox: the existing zone the stack's records name (${scenarioId})`,
    );
    lines.push(msg('localstack.zone-created', { name, id: zone.id }));
  }
  return lines;
}

/** Puts the scenario's bucketFiles into the deployed buckets; returns the lines to show. */
export async function uploadBucketFiles(
  client: LocalStackClient,
  scenario: ScenarioDefinition,
  topology: Topology,
  resources: StackResource[],
  template: { Resources?: Record<string, { Metadata?: Record<string, unknown> }> },
): Promise<Message[]> {
  const lines: Message[] = [];
  for (const [bucketPath, files] of Object.entries(scenario.bucketFiles ?? {})) {
    const logicalId = bucketLogicalId(bucketPath, topology.stackName, template);
    const physical = resources.find(
      (resource) => resource.logicalId === logicalId && resource.type === 'AWS::S3::Bucket',
    )?.physicalId;
    if (!physical) throw new Error(`bucketFiles names bucket ${bucketPath}, which the deployed stack does not have.`);
    for (const [key, file] of Object.entries(files)) {
      await client.putObject(physical, key, await readFile(file, 'utf8'), contentType(key));
      lines.push(
        msg('text.command', {
          command: `aws s3 cp ${fileURLToPath(file).replace(/^.*\/scenarios\//, 'scenarios/')} s3://${physical}/${key}`,
        }),
      );
    }
  }
  return lines;
}

/** The logical id of the bucket at a construct path (e.g. "SorryPageBucket"). Pure. */
export function bucketLogicalId(
  path: string,
  stackName: string,
  template: { Resources?: Record<string, { Metadata?: Record<string, unknown> }> },
): string | null {
  for (const [id, resource] of Object.entries(template.Resources ?? {})) {
    const cdkPath = String(resource.Metadata?.['aws:cdk:path'] ?? '');
    if (cdkPath === `${stackName}/${path}/Resource` || cdkPath === `${stackName}/${path}` || id === path) return id;
  }
  return null;
}

function contentType(key: string): string {
  if (key.endsWith('.html')) return 'text/html; charset=utf-8';
  if (key.endsWith('.css')) return 'text/css';
  return 'application/octet-stream';
}

export async function readBackRoute53(
  client: LocalStackClient,
  topology: Topology,
  resources: StackResource[],
): Promise<HeldRoute53> {
  const held: HeldRoute53 = { healthChecks: new Map(), summary: [], statusAnswers: new Map() };
  const dns = topology.dns;
  if (!dns) return held;
  for (const check of dns.healthChecks) {
    const physical = resources.find((resource) => resource.logicalId === check.logicalId)?.physicalId;
    if (!physical) continue;
    const config = await client.getHealthCheck(physical);
    held.healthChecks.set(check.logicalId, config);
    const observations = await client.getHealthCheckStatus(physical);
    const answer = observations.map((o) => `${o.status}${o.ipAddress ? ` (${o.ipAddress})` : ''}`).join('; ') || '-';
    held.statusAnswers.set(check.logicalId, answer);
    held.summary.push(
      msg('localstack.held-check', {
        check: check.path,
        id: physical,
        type: config.type,
        port: config.port,
        interval: config.requestIntervalSeconds,
        threshold: config.failureThreshold,
        fqdn: config.fqdn ?? '-',
      }),
      msg('localstack.held-status', { id: physical, answer }),
    );
  }
  for (const zone of new Set(dns.records.map((record) => record.zoneName).filter((name): name is string => !!name))) {
    const found = await client.findHostedZone(zone);
    if (!found) continue;
    for (const record of await client.listResourceRecordSets(found.id)) {
      if (!record.failover && !record.healthCheckId && record.type !== 'A') continue;
      held.summary.push(
        msg('localstack.held-record', {
          name: record.name,
          type: record.type,
          failover: record.failover ?? null,
          set: record.setIdentifier ?? null,
          check: record.healthCheckId ?? null,
          alias: record.aliasDnsName ?? null,
        }),
      );
    }
  }
  return held;
}
