// An NLB with a TLS listener in front of seed 000's nginx (ssl_verify_client on), over a TLS target group, next to
// the seeds' TCP listener in front of the same nginx: TLS ends at the NLB on one, at nginx on the other.
import type { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { nlbTargetGroup, nlbTlsListener } from '../common/nlb-mtls.js';

export default function stack(scope: Stack): void {
  const vpc = new ec2.Vpc(scope, 'Vpc', {
    maxAzs: 1,
    natGateways: 0,
    subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }],
  });
  const nlb = new elbv2.NetworkLoadBalancer(scope, 'Nlb', { vpc, internetFacing: true });
  // TLS:443: the NLB ends the client's TLS with its own certificate and a TLS 1.3 policy, then opens a TLS
  // connection of its own to nginx (a TLS target group).
  const tlsTargets = nlbTargetGroup(scope, 'TlsTargets', vpc, {
    targetIps: ['10.0.0.10'],
    protocol: elbv2.Protocol.TLS,
  });
  nlbTlsListener(nlb, 'Tls443', { targetGroup: tlsTargets, sslPolicy: elbv2.SslPolicy.TLS13_RES });
  // TLS:9443: the same, under an RFC 9151 (CNSA 1.0) strict policy (August 2026): TLS 1.3, AES-256-GCM, P-384.
  nlbTlsListener(nlb, 'Tls9443', { port: 9443, targetGroup: tlsTargets, sslPolicy: elbv2.SslPolicy.RFC9151_TLS13_13 });
  // TCP:8443: the seeds' design, the same nginx behind it; the NLB passes the TLS bytes through untouched.
  nlb.addListener('Tcp8443', {
    port: 8443,
    protocol: elbv2.Protocol.TCP,
    defaultTargetGroups: [
      nlbTargetGroup(scope, 'TcpTargets', vpc, { targetIps: ['10.0.0.10'], protocol: elbv2.Protocol.TCP }),
    ],
  });
}
