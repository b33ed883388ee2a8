import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it, vi } from 'vitest';

const instrumented = (client: DynamoDBClient) =>
  client.middlewareStack.identify().some((m) => /xray/i.test(m));

describe('tracing', () => {
  it('leaves the SDK clients alone outside Lambda (the local stack, the tests, the scripts)', async () => {
    vi.resetModules();
    const { traced } = await import('../../functions/lib/tracer.ts');
    expect(instrumented(traced(new DynamoDBClient({ region: 'eu-north-1' })))).toBe(false);
  });

  it('makes each AWS SDK call an X-Ray subsegment when the function runs in Lambda', async () => {
    vi.resetModules();
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'venner-test-handovers';
    process.env.AWS_EXECUTION_ENV = 'AWS_Lambda_nodejs22.x';
    try {
      const { traced } = await import('../../functions/lib/tracer.ts');
      expect(instrumented(traced(new DynamoDBClient({ region: 'eu-north-1' })))).toBe(true);
    } finally {
      delete process.env.AWS_LAMBDA_FUNCTION_NAME;
      delete process.env.AWS_EXECUTION_ENV;
    }
  });
});
