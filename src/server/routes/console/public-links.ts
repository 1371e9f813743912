import type { FastifyRequest } from 'fastify';
import { readConfig } from '../../config';

/** The base of links the console hands out (enrolment, password, finder): INLOOP_PUBLIC_URL or the address the browser used. */
export function publicBase(request: FastifyRequest): string {
  return readConfig().publicUrl ?? `${request.protocol}://${request.host}`;
}

/** The answer for a row that does not exist or lies outside the user's organisation(s): the two look the same. */
export const NOT_FOUND = { error: 'not_found', message: 'Not found.' };
