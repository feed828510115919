// Seed 001: an NLB TCP listener in front of nginx tasks whose server certificate, key and client CA come from SSM
// Parameter Store (SSL_SERVER_CERTIFICATE, SSL_SERVER_KEY, SSL_CLIENT_CERTIFICATE).
//
// Where the certificate values come from — a choice, and why:
// The stack declares the three parameters with placeholder values, and the sandbox puts the real PEM text into
// them after the deploy (PutParameter with Overwrite, exactly what `aws ssm put-parameter --overwrite` does); the
// rotation probe later puts a new certificate the same way. The alternative — reading the PKI at synth time and
// writing the PEMs into the template — was rejected because:
//   - a private key in a CloudFormation template is readable by anyone who can read the stack (and it would sit in
//     the synth cache and cdk.out); CloudFormation cannot even create a SecureString parameter, so on AWS keys are
//     put with the CLI or console, as seed 001's Terraform (which does not create them either) implies;
//   - the template stays a pure function of the scenario's source, so the synth cache key stays what it is;
//   - rotation is then the same operation as the first put, which is the point of keeping them in SSM.
import { Duration, type Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { nlbTcpPassthrough } from '../common/nlb-stack.js';

/** The parameter names of seed 001's task definition `secrets`. */
export const PARAMETERS = ['SSL_SERVER_CERTIFICATE', 'SSL_SERVER_KEY', 'SSL_CLIENT_CERTIFICATE'] as const;

export const PLACEHOLDER = 'placeholder: the PEM text is put here after the deploy (aws ssm put-parameter --overwrite)';

export default function stack(scope: Stack): void {
  // Seed 001 deploys into an existing VPC and subnet ("vpc-xxxxxxxxxxxxx", "subnet-xxxxxxxxxxxxx"): imported,
  // not created, so the stack holds no EC2 resources.
  const vpc = ec2.Vpc.fromVpcAttributes(scope, 'Vpc', {
    vpcId: 'vpc-0a1b2c3d4e5f60001',
    availabilityZones: ['us-east-1a'],
    publicSubnetIds: ['subnet-0a1b2c3d4e5f60001'],
    publicSubnetRouteTableIds: ['rtb-0a1b2c3d4e5f60001'],
  });
  for (const name of PARAMETERS) {
    new ssm.StringParameter(
      scope,
      name.replace(/(^|_)([A-Z])([A-Z]*)/g, (_, __, first: string, rest: string) => first + rest.toLowerCase()),
      {
        parameterName: name,
        stringValue: PLACEHOLDER,
        description: `seed 001: injected into the nginx task as the environment variable ${name} (ECS task definition secrets)`,
      },
    );
  }
  // Seed 001's target group: TCP 443, target type ip (Fargate tasks), TCP health check on 443, thresholds 3/3;
  // TCP, not TLS: the TLS handshake, and so client authentication, happens at nginx (seed 001's "SSL 終端は nginx").
  nlbTcpPassthrough(scope, vpc, {
    targetIps: ['10.0.0.20', '10.0.0.21'],
    healthCheck: { protocol: elbv2.Protocol.TCP, port: '443', healthyThresholdCount: 3, unhealthyThresholdCount: 3 },
    targetGroup: { deregistrationDelay: Duration.seconds(300) },
  });
}
