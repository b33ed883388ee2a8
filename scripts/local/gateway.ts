import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { edgeSecretHeader, viewerAddressHeader } from '../../functions/http/edge.ts';
import type { FunctionId } from '../../shared/functions.ts';
import type { accessLogFields } from '../../shared/operations.ts';
import { fallbackFunction, matchRoute, type RouteDefinition, routeKey, routes } from '../../shared/routes.ts';

/**
 * The local stand-in for API Gateway (HTTP API, payload format 2.0): it serves the route table by
 * invoking the same handler modules with the events API Gateway would send, and maps the structured result back the way API Gateway does.
 */

// biome-ignore lint/suspicious/noExplicitAny: handlers take different event types
export type LambdaHandler = (event: any, context: Context) => Promise<unknown>;

export type HandlerLoader = (id: FunctionId) => Promise<LambdaHandler>;

/** API Gateway's payload limit for HTTP APIs. */
const maxBodyBytes = 10 * 1024 * 1024;

/** Bodies API Gateway passes as text; everything else (forms included) arrives base64-encoded. */
const isTextContentType = (contentType: string | undefined): boolean => {
  if (!contentType) return false;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return (
    type.startsWith('text/') ||
    ['application/json', 'application/xml', 'application/javascript'].includes(type) ||
    type.endsWith('+json') ||
    type.endsWith('+xml')
  );
};

const lambdaContext = (functionName: string, timeoutMs = 30_000): Context => {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
};

const clfTime = (date: Date): string => {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
};

/** Headers lower-cased, repeated headers joined by commas, cookies taken out (they travel in `cookies`). */
const eventHeaders = (req: IncomingMessage): { headers: Record<string, string>; cookies?: string[] } => {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = (req.rawHeaders[i] as string).toLowerCase();
    const value = req.rawHeaders[i + 1] as string;
    if (name === 'cookie') {
      cookies.push(
        ...value
          .split(';')
          .map((c) => c.trim())
          .filter(Boolean),
      );
      continue;
    }
    headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  return { headers, cookies: cookies.length > 0 ? cookies : undefined };
};

/** Query parameters as API Gateway gives them: decoded, repeated names joined by commas. */
const queryParameters = (rawQueryString: string): Record<string, string> | undefined => {
  if (!rawQueryString) return undefined;
  const params: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    params[name] = params[name] === undefined ? value : `${params[name]},${value}`;
  }
  return params;
};

export interface BuildEventInput {
  readonly req: IncomingMessage;
  readonly body: Buffer;
  readonly route?: RouteDefinition;
  readonly pathParameters?: Record<string, string>;
  /** The secret the function expects from CloudFront; none, and the request arrives as if straight to the API. */
  readonly edgeSecret?: string;
}

export const buildEvent = ({
  req,
  body,
  route,
  pathParameters,
  edgeSecret,
}: BuildEventInput): APIGatewayProxyEventV2 => {
  const url = req.url ?? '/';
  const queryIndex = url.indexOf('?');
  const rawPath = queryIndex === -1 ? url : url.slice(0, queryIndex);
  const rawQueryString = queryIndex === -1 ? '' : url.slice(queryIndex + 1);
  const { headers, cookies } = eventHeaders(req);
  const now = new Date();
  const key = route ? routeKey(route) : '$default';
  const sourceIp = (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  const host = headers.host ?? 'localhost';
  headers['x-forwarded-for'] ??= sourceIp;
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-forwarded-port'] ??= String(req.socket.localPort ?? '');
  // The gateway stands in for CloudFront too: like it, it sets the viewer's address and the edge
  // secret, whatever the client sent in those headers.
  headers[viewerAddressHeader] = `${sourceIp}:${req.socket.remotePort ?? 0}`;
  if (edgeSecret) headers[edgeSecretHeader] = edgeSecret;
  else delete headers[edgeSecretHeader];
  const text = isTextContentType(headers['content-type']);
  const hasBody = body.length > 0;
  return {
    version: '2.0',
    routeKey: key,
    rawPath,
    rawQueryString,
    cookies,
    headers,
    queryStringParameters: queryParameters(rawQueryString),
    pathParameters: pathParameters && Object.keys(pathParameters).length > 0 ? pathParameters : undefined,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: host,
      domainPrefix: host.split('.')[0] ?? host,
      http: {
        method: (req.method ?? 'GET').toUpperCase(),
        path: decodeURIComponent(rawPath),
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: key,
      stage: '$default',
      time: clfTime(now),
      timeEpoch: now.getTime(),
    },
    body: hasBody ? body.toString(text ? 'utf8' : 'base64') : undefined,
    isBase64Encoded: hasBody && !text,
  };
};

/** Payload format 2.0: a result without statusCode is JSON with status 200. */
export const normaliseResult = (result: unknown): APIGatewayProxyStructuredResultV2 => {
  if (result && typeof result === 'object' && 'statusCode' in result)
    return result as APIGatewayProxyStructuredResultV2;
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: typeof result === 'string' ? result : JSON.stringify(result),
  };
};

const writeResult = (res: ServerResponse, result: APIGatewayProxyStructuredResultV2): void => {
  const headers: Record<string, string | number | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {}))
    headers[name.toLowerCase()] = String(value);
  if (result.cookies && result.cookies.length > 0) headers['set-cookie'] = result.cookies;
  const body = result.body
    ? Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8')
    : Buffer.alloc(0);
  headers['content-length'] = body.length;
  res.writeHead(result.statusCode ?? 200, headers);
  res.end(body);
};

const plainError = (res: ServerResponse, statusCode: number, message: string) =>
  writeResult(res, {
    statusCode,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message }),
  });

const isDecodable = (path: string): boolean => {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
};

const readBody = (req: IncomingMessage): Promise<Buffer | undefined> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        resolve(undefined);
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(size > maxBodyBytes ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });

export interface GatewayOptions {
  readonly port: number;
  readonly host?: string;
  readonly loadHandler: HandlerLoader;
  /** What the gateway sends as CloudFront's secret; the function's own EDGE_SECRET unless given ('' sends none). */
  readonly edgeSecret?: string;
  readonly routeTable?: readonly RouteDefinition[];
  readonly onError?: (error: unknown) => void;
}

export interface RunningGateway {
  readonly url: string;
  close(): Promise<void>;
}

export const startGateway = async (options: GatewayOptions): Promise<RunningGateway> => {
  const table = options.routeTable ?? (routes as readonly RouteDefinition[]);

  const invoke = async (id: FunctionId, event: unknown): Promise<unknown> => {
    const handler = await options.loadHandler(id);
    return handler(event, lambdaContext(`venner-${id}`));
  };

  const server = http.createServer(async (req, res) => {
    try {
      const body = await readBody(req);
      if (body === undefined) return plainError(res, 413, 'Request Entity Too Large');
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (!isDecodable(path)) return plainError(res, 400, 'Bad Request');
      const { match } = matchRoute(req.method ?? 'GET', path, table);
      const event = buildEvent({
        req,
        body,
        route: match?.route,
        pathParameters: match?.pathParameters,
        edgeSecret: options.edgeSecret === undefined ? process.env.EDGE_SECRET : options.edgeSecret,
      });
      const started = Date.now();
      const result = normaliseResult(await invoke(match ? match.route.function : fallbackFunction, event));
      writeResult(res, result);
      // The access log line API Gateway writes (its fields, same names), for following a request.
      console.log(
        JSON.stringify({
          type: 'access',
          requestId: event.requestContext.requestId,
          time: event.requestContext.time,
          routeKey: event.routeKey,
          status: String(result.statusCode ?? 200),
          latencyMs: String(Date.now() - started),
        } satisfies Partial<Record<keyof typeof accessLogFields, string>> & { type: string }),
      );
    } catch (error) {
      // What API Gateway answers when the integration fails.
      options.onError?.(error);
      if (!res.headersSent) plainError(res, 500, 'Internal Server Error');
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
