import type { FastifyReply, FastifyRequest } from 'fastify';
import { MIN_PROTOCOL_VERSION, PROTOCOL_HEADER, PROTOCOL_HEADER_PATTERN, PROTOCOL_VERSION, type ApiError } from '../../shared/sync';
import { authenticateDevice, type AuthenticatedDevice } from '../store/devices';

declare module 'fastify' {
  interface FastifyRequest {
    device?: AuthenticatedDevice;
    /** The protocol version the client speaks (its inloop-protocol header), once requireDevice accepted it. */
    syncProtocol?: number;
  }
}

/**
 * onRequest hook for every sync route: checks the client's protocol version, then the
 * device's bearer token. Runs before the body is even parsed, so a refused call changes nothing.
 */
export async function requireDevice(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const header = request.headers[PROTOCOL_HEADER];
  if (header !== undefined && (typeof header !== 'string' || !PROTOCOL_HEADER_PATTERN.test(header))) {
    await reply.code(400).send({
      error: 'invalid_protocol_header',
      message: `The ${PROTOCOL_HEADER} header must be the protocol version as a whole number in digits, such as ${PROTOCOL_VERSION}.`,
    } satisfies ApiError);
    return;
  }
  // No header at all: a build from before the header existed, so too old.
  const protocol = header === undefined ? 0 : Number(header);
  request.syncProtocol = protocol;
  if (protocol < MIN_PROTOCOL_VERSION) {
    await reply.code(426).send({
      error: 'client_outdated',
      message: `This app is too old for the server (protocol ${MIN_PROTOCOL_VERSION}–${PROTOCOL_VERSION} needed). Update the app; nothing on the tablet is lost.`,
    } satisfies ApiError);
    return;
  }
  if (protocol > PROTOCOL_VERSION) {
    await reply.code(409).send({
      error: 'server_outdated',
      message: `The server speaks protocol ${PROTOCOL_VERSION}; this app needs ${protocol}.`,
    } satisfies ApiError);
    return;
  }
  const match = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(request.headers.authorization ?? '');
  const device = match ? await authenticateDevice(request.server.db, match[1]!) : undefined;
  if (!device) {
    await reply
      .code(401)
      .send({ error: 'unauthorised', message: 'This tablet is not enrolled, or its enrolment was revoked.' } satisfies ApiError);
    return;
  }
  if (request.server.limitDevice && !(await request.server.limitDevice(device.id, reply))) return;
  request.device = device;
}
