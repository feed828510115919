// Names the stack and the scenario share (kept apart from stack.ts, which loads aws-cdk-lib only on a synth).
/**
 * The hosted zone and the name visitors use: under sandbox.example (a reserved .example name that can never resolve
 * on the Internet), which the sandbox's server certificate covers, so the probes verify the server by this name.
 */
export const ZONE_NAME = 'sandbox.example';
export const SITE_NAME = `www.${ZONE_NAME}`;
