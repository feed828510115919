// Names the stack and the scenario share (kept apart from stack.ts, which loads aws-cdk-lib only on a synth).
/** The hosted zone and the name visitors use (a reserved .example name: it can never resolve on the Internet). */
export const ZONE_NAME = 'sorry-demo.example';
export const SITE_NAME = `www.${ZONE_NAME}`;
