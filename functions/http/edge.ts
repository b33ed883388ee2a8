import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ForbiddenError } from './errors.ts';

/** The header CloudFront adds to every request it sends to the API, with the stage's secret. */
export const edgeSecretHeader = 'x-venner-edge';

/** CloudFront's `CloudFront-Viewer-Address`: the viewer's address and port, `198.51.100.10:46532` or `2001:db8::1:46532`. */
export const viewerAddressHeader = 'cloudfront-viewer-address';

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Refuses a request that did not come through CloudFront (straight to the execute-api address):
 * it would bypass the web ACL and could claim any viewer address. `secret` is the function's
 * `EDGE_SECRET`; the local gateway adds it as CloudFront does.
 */
export const assertFromEdge = (event: APIGatewayProxyEventV2, secret: string | undefined): void => {
  const sent = event.headers?.[edgeSecretHeader];
  if (!secret || typeof sent !== 'string' || !same(sent, secret)) {
    throw new ForbiddenError('Brug adressen på venner-sitet; denne adresse svarer ikke direkte.');
  }
};

/**
 * The client's address for per-client limits: the viewer's, which CloudFront puts in its header
 * (API Gateway's source address is the CloudFront edge). Only trusted after `assertFromEdge`.
 */
export const clientAddress = (event: APIGatewayProxyEventV2): string => {
  const viewer = event.headers?.[viewerAddressHeader];
  const match = typeof viewer === 'string' ? /^(.+):(\d{1,5})$/.exec(viewer.trim()) : null;
  const address = match?.[1]?.replace(/^\[|\]$/g, '') ?? '';
  if (isIP(address) === 4) return address;
  // One IPv6 subscriber has a whole /64: limit by it, or anyone could sign up without end.
  if (isIP(address) === 6) return `${ipv6Groups(address).slice(0, 4).join(':')}::/64`;
  return event.requestContext.http.sourceIp;
};

/** The eight groups of an IPv6 address, `::` expanded. */
const ipv6Groups = (address: string): string[] => {
  const [head = '', tail] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((group) => group.replace(/^0+(?=.)/, ''));
};
