import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import { logger } from './logger.ts';

/** What CloudFormation expects at the event's pre-signed ResponseURL (at most 4 KB). */
export interface CustomResourceResponse {
  readonly Status: 'SUCCESS' | 'FAILED';
  readonly Reason?: string;
  readonly PhysicalResourceId: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
  readonly Data?: Record<string, string>;
}

export type SendResponse = (url: string, response: CustomResourceResponse) => Promise<void>;

/** PUTs the answer to the pre-signed S3 URL, with no content type (the URL is signed without one). */
export const putResponse: SendResponse = async (url, response) => {
  const body = JSON.stringify(response);
  const answer = await fetch(url, { method: 'PUT', body, headers: { 'content-type': '' } });
  if (!answer.ok) throw new Error(`CloudFormation's response URL answered ${answer.status}`);
};

/**
 * A Lambda custom resource without the provider framework: runs `work` on Create and Update
 * (Delete does nothing: the data stays with the retained table), and always answers CloudFormation,
 * so a failure fails the deploy at once with its reason instead of hanging for an hour.
 */
export const customResource =
  (
    physicalResourceId: string,
    work: (event: CloudFormationCustomResourceEvent) => Promise<Record<string, string>>,
    send: SendResponse = putResponse,
  ) =>
  async (event: CloudFormationCustomResourceEvent, context?: Context): Promise<CustomResourceResponse> => {
    const base = {
      PhysicalResourceId: physicalResourceId,
      StackId: event.StackId,
      RequestId: event.RequestId,
      LogicalResourceId: event.LogicalResourceId,
    };
    let response: CustomResourceResponse;
    try {
      const data = event.RequestType === 'Delete' ? {} : await work(event);
      response = { ...base, Status: 'SUCCESS', Data: data };
    } catch (error) {
      logger.error('Custom resource failed', error as Error);
      const reason = `${(error as Error).message} (log stream ${context?.logStreamName ?? 'unknown'})`;
      response = { ...base, Status: 'FAILED', Reason: reason.slice(0, 1000) };
    }
    await send(event.ResponseURL, response);
    return response;
  };
