// What a topology kept up (`up`, the UI's lab) offers beyond its addresses: probes sent to it one at a time (a
// scenario's, the lab console's, a challenge's parts), the topology as the ELBv2 API has changed it, the model's
// prediction for a console request, a mutual TLS mode switch through the session's own API, and saving a console
// probe into the user's folder. sandbox/door.ts builds it for each up; the UI and the CLI reach it only there.
import type { Pki } from '../../certs/types.js';
import type { ClientCertName } from '../../certs/types.js';
import type { RunningElbv2Api } from '../elbv2-api/server.js';
import type { ProbeEnvironment } from '../probe/execute.js';
import { executeProbe } from '../probe/execute.js';
import { prepareCurl } from '../probe/curl-runner.js';
import { curlRequestFor } from '../probe/request.js';
import type { BalancerReport, ComponentReport, ProbeReport, TopologyReport } from '../report.js';
import type { ProbeSpec, ScenarioDefinition } from '../scenario.js';
import type { Text } from '../text.js';
import { modelJudgement, type Judgement } from '../template/matrix.js';
import { topologyReportOf } from '../topology-report.js';
import type { Topology } from '../model/topology.js';
import { challengeResult, partProbe, type ChallengeResult } from './challenge.js';
import {
  type ConsoleRequest,
  consoleProbe,
  IDENTITY_PRESETS,
  type IdentityPreset,
  writesIdentityHeaders,
} from './console.js';
import { liveListenerExcerpt, liveTopology } from './live-topology.js';
import { saveLabProbe, type SavedProbe } from './save-probe.js';

/** A listener a lab probe can call. */
export interface LabListener {
  loadBalancer: string;
  port: number;
  protocol: string;
  kind: BalancerReport['kind'];
  /** "Alb HTTPS:443": how the events and the API name it. */
  label: string;
  /** Its ARN in the session's ELBv2 API; null when the API does not serve it (not an ALB). */
  arn: string | null;
}

export interface LabCertificate {
  name: ClientCertName;
  subject: string;
  issuer: string;
}

export interface LabOffer {
  listeners: LabListener[];
  /** Every client certificate the PKI has, with its subject and issuer. */
  certificates: LabCertificate[];
  /** The forged identity header of each front door, one preset each, for the console. */
  presets: IdentityPreset[];
  /** The topology as it runs now: after every change made through the ELBv2 API. */
  liveTopology(): TopologyReport;
  /** Runs a probe against the running topology, judged as it is; probes run one at a time, in the order asked. */
  probe(spec: ProbeSpec): Promise<ProbeReport>;
  /**
   * Runs one of the scenario's own probes: judged against its expectation while the topology is as the stack wrote
   * it; once the ELBv2 API has changed it, observed only (the expectation is about the stack as written).
   */
  scenarioProbe(spec: ProbeSpec): Promise<ProbeReport>;
  /** The console's request as a probe (judged where the model predicts), its curl command and the prediction. */
  consoleProbe(
    request: ConsoleRequest,
    number: number,
  ): { spec: ProbeSpec; command: string; prediction: Judgement | null };
  /** Runs every part of one of the scenario's challenges against the running topology. */
  checkChallenge(id: string): Promise<ChallengeResult>;
  /** Switches an ALB listener's mutual TLS mode through the session's own ELBv2 API (ModifyListener). */
  setMutualMode(listener: LabListener, mode: 'off' | 'passthrough' | 'verify'): Promise<void>;
  /** Saves a console probe into the scenario's own folder; only a user's own scenario (origin "user") has one. */
  saveProbe(spec: ProbeSpec, report: ProbeReport): SavedProbe;
}

export interface LabInputs {
  scenario: ScenarioDefinition;
  topology: Topology;
  components: readonly ComponentReport[];
  pki: Pki;
  api: RunningElbv2Api | null;
  /** The probe environment of the prepared topology, for the topology report given (sandbox/run.ts). */
  environment(topology: TopologyReport): ProbeEnvironment;
  /** Whether a call to the ELBv2 API has changed the running topology since it started. */
  changed(): boolean;
}

const CHANGED_SINCE: Text = {
  en: "The topology was changed through the ELBv2 API after it started: the scenario's expectation describes the stack as written, so this run of its probe is observed only.",
  ja: '起動後に ELBv2 API でトポロジーが変更された: シナリオの期待値は書かれたとおりのスタックについてのものなので、このプローブの実行は判定なし (記録のみ)。',
};

export function labOffer(inputs: LabInputs): LabOffer {
  const { scenario, pki, api } = inputs;
  const current = () => (api ? liveTopology(inputs.topology, api.state()) : inputs.topology);
  const report = () => topologyReportOf(scenario, current(), inputs.components);
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const result = queue.then(job, job);
    queue = result.catch(() => undefined);
    return result;
  };
  const listeners = labListeners(report(), api);

  const probe = (spec: ProbeSpec) =>
    serial(async () => {
      const live = report();
      const env = inputs.environment(live);
      const config = env.config;
      return executeProbe(spec, {
        ...env,
        // What the ELBv2 API changed on the probed listener comes first in "the configuration that decides this".
        config: {
          constructPath: config.constructPath,
          excerpts: async (path, target) => {
            const found = await config.excerpts(path, target);
            const changed = liveExcerpt(path.balancerPath, path.listener?.port);
            return changed ? [changed, ...found] : found;
          },
        },
      });
    });

  const liveExcerpt = (balancerPath: string, port: number | undefined) => {
    const stack = inputs.topology.loadBalancers
      .find((b) => b.path === balancerPath)
      ?.listeners.find((l) => l.port === port);
    const live = current()
      .loadBalancers.find((b) => b.path === balancerPath)
      ?.listeners.find((l) => l.port === port);
    const label = listeners.find((l) => l.loadBalancer === balancerPath && l.port === port)?.label;
    return stack && live && label && api ? liveListenerExcerpt(label, stack, live) : null;
  };

  const predict = (request: ConsoleRequest): Judgement | null => {
    const topology = current();
    const balancer = topology.loadBalancers.find((candidate) => candidate.path === request.via.loadBalancer);
    const listener = balancer?.listeners.find((candidate) => candidate.port === request.via.port);
    if (!balancer || !listener) return null;
    // The model knows curl's own range of TLS versions; pinned to one, the listener's policy may refuse the client.
    if (request.tls !== null) return null;
    return modelJudgement(balancer, listener, topology, request.certificate, writesIdentityHeaders(request));
  };

  return {
    listeners,
    certificates: (Object.keys(pki.clients) as ClientCertName[]).map((name) => ({
      name,
      subject: pki.clients[name].subject,
      issuer: pki.clients[name].issuer,
    })),
    presets: IDENTITY_PRESETS,
    liveTopology: report,
    probe,
    scenarioProbe: (spec) => probe(inputs.changed() && !spec.unjudged ? { ...spec, unjudged: CHANGED_SINCE } : spec),
    consoleProbe(request, number) {
      const prediction = predict(request);
      const spec = consoleProbe(request, number, prediction);
      const env = inputs.environment(report());
      const command = prepareCurl({
        ...curlRequestFor(spec, env.endpoint(spec.via), pki),
        noProgressMeter: false,
      }).command;
      return { spec, command, prediction };
    },
    async checkChallenge(id) {
      const challenge = scenario.challenges?.find((candidate) => candidate.id === id);
      if (!challenge) throw new Error(`Scenario ${scenario.id} has no challenge "${id}".`);
      const reports: ProbeReport[] = [];
      for (const part of challenge.check) reports.push(await probe(partProbe(challenge, part)));
      return challengeResult(challenge, reports);
    },
    async setMutualMode(listener, mode) {
      if (!api || !listener.arn) throw new Error(`${listener.label} is not served by the sandbox's ELBv2 API.`);
      const state = api.state();
      const served = state.listeners.find((candidate) => candidate.arn === listener.arn);
      const stackListener = inputs.topology.loadBalancers
        .flatMap((balancer) => balancer.listeners)
        .find((candidate) => candidate.logicalId === served?.logicalId);
      // Verify needs a trust store: the one the listener uses now, else the one the stack gave it, else the first.
      const storeId = served?.mutualAuthentication?.trustStoreId ?? stackListener?.mutualAuthentication?.trustStoreId;
      const store = state.trustStores.find((candidate) => candidate.logicalId === storeId) ?? state.trustStores[0];
      const answer = await api.call({
        Action: 'ModifyListener',
        ListenerArn: listener.arn,
        'MutualAuthentication.Mode': mode,
        ...(mode === 'verify' && store ? { 'MutualAuthentication.TrustStoreArn': store.arn } : {}),
      });
      if (answer.status !== 200) throw new Error(/<Message>([^<]*)<\/Message>/.exec(answer.body)?.[1] ?? answer.body);
    },
    saveProbe(spec, probeReport) {
      if (scenario.origin?.kind !== 'user')
        throw new Error(
          `${scenario.id} is not one of your own scenarios: copy it with \`mtls-sandbox new <id> --from ${scenario.id}\` and open that one to save probes into it.`,
        );
      return saveLabProbe(scenario.origin.folder, spec, probeReport);
    },
  };
}

/** Every listener of the running topology, with its ARN where the ELBv2 API serves it. */
function labListeners(topology: TopologyReport, api: RunningElbv2Api | null): LabListener[] {
  const served = api?.state().listeners ?? [];
  return topology.balancers.flatMap((balancer) =>
    balancer.listeners.map((listener) => {
      const label = `${balancer.path} ${listener.protocol}:${listener.port}`;
      return {
        loadBalancer: balancer.path,
        port: listener.port,
        protocol: listener.protocol,
        kind: balancer.kind,
        label,
        arn: served.find((candidate) => candidate.label === label)?.arn ?? null,
      };
    }),
  );
}
