import { afterAll, beforeAll } from 'vitest';
import { type RunningGateway, startGateway } from '../../scripts/local/gateway.ts';
import { localFunctionEnvironment, sourceHandlerLoader } from '../../scripts/local/local-stack.ts';
import { stack } from './stack.ts';

/**
 * A gateway of this file's own that sends no edge secret: what a request straight to the
 * execute-api address gets, bypassing CloudFront. The functions run in this process with the test
 * stack's environment. Returns the gateway's URL once it runs.
 */
export const useDirectGateway = (port: number): (() => string) => {
  const savedEnv = { ...process.env };
  let direct: RunningGateway | undefined;
  beforeAll(async () => {
    Object.assign(process.env, localFunctionEnvironment(stack), { POWERTOOLS_LOG_LEVEL: 'CRITICAL' });
    direct = await startGateway({ port, loadHandler: sourceHandlerLoader, edgeSecret: '' });
  });
  afterAll(async () => {
    await direct?.close();
    process.env = savedEnv;
  });
  return () => {
    if (!direct) throw new Error('The direct gateway has not started');
    return direct.url;
  };
};
