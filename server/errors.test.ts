// The one error module: the code map the router and the live stream share, and the form flattener.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DomainError, fieldMessages, parseOrThrow, TRPC_CODE_OF, type DomainErrorCode } from './errors';

// tRPC clients (the live stream's SSE client among them) retry these instead of giving up.
const RETRIED = ['INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE', 'BAD_GATEWAY', 'GATEWAY_TIMEOUT'];

describe('the domain error module', () => {
  it('makes every refusal final for the client except a payment service that is down', () => {
    const retried = (Object.keys(TRPC_CODE_OF) as DomainErrorCode[]).filter((c) =>
      RETRIED.includes(TRPC_CODE_OF[c]),
    );
    expect(retried).toEqual(['PAYMENT_UNAVAILABLE']);
  });

  it('gives a form the first message of each field, keyed by its dotted path', () => {
    const schema = z.object({
      tiers: z.array(z.object({ unitPrice: z.int('Whole').positive('Above zero') })),
    });
    const r = schema.safeParse({ tiers: [{ unitPrice: 1 }, { unitPrice: 0.5 }] });
    expect(r.success ? {} : fieldMessages(r.error.issues)).toEqual({ 'tiers.1.unitPrice': 'Whole' });
  });

  it('refuses bad input as INVALID_INPUT with those messages, and returns the parsed value otherwise', () => {
    const schema = z.object({ title: z.string().trim().min(1, 'Give it a title') });
    expect(parseOrThrow(schema, { title: ' Box ' })).toEqual({ title: 'Box' });
    let thrown: unknown;
    try {
      parseOrThrow(schema, { title: ' ' });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({ code: 'INVALID_INPUT', fields: { title: 'Give it a title' } });
  });
});
