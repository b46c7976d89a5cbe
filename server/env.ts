// The one place that reads process.env. Edit when the app gains a setting; nothing else may read the environment.
import ipaddr from 'ipaddr.js';
import { z } from 'zod';

const bool = z
  .enum(['1', '0', 'true', 'false', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true');

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    APP_URL: z.string().url().optional(),
    DATABASE_URL: z.string().min(1).optional(),
    /** A direct connection (not through PgBouncer) for LISTEN and the job worker; unset = DATABASE_URL. */
    DATABASE_DIRECT_URL: z.string().min(1).optional(),
    FLOCK_DATA_DIR: z.string().min(1).default('.flock'),
    STRIPE_SECRET_KEY: z.string().startsWith('sk_').optional(),
    STRIPE_PUBLISHABLE_KEY: z.string().startsWith('pk_').optional(),
    STRIPE_WEBHOOK_SECRET: z.string().startsWith('whsec_').optional(),
    STRIPE_EMULATOR_URL: z.string().url().optional(),
    STRIPE_MAX_RPS: z.coerce.number().int().positive().default(20),
    BETTER_AUTH_SECRET: z.string().min(16).optional(),
    FLOCK_NO_WORKER: bool,
    FLOCK_TEST_MODE: bool,
    /** Where people reach whoever runs this Flock site (shown on /contact). */
    SUPPORT_EMAIL: z.email().optional(),
    /** Outgoing mail server (smtp://user:pass@host:port or smtps://…); unset in development = the dev outbox. */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'Give an smtp:// or smtps:// URL.')
      .optional(),
    /** The From of every e-mail Flock sends, e.g. "Flock <hello@example.com>". */
    MAIL_FROM: z.string().min(3).default('Flock <no-reply@flock.invalid>'),
    /** Web Push (VAPID) keys; in development they are generated into the data folder. */
    VAPID_PUBLIC_KEY: z.string().min(40).optional(),
    VAPID_PRIVATE_KEY: z.string().min(20).optional(),
    /** A mailto: or https: contact the push services may use (VAPID "sub"). */
    VAPID_SUBJECT: z
      .string()
      .regex(/^(mailto:|https:)/, 'Give a mailto: or https: address.')
      .optional(),
    /** Extra push-service hosts (host or host:port, comma-separated) a subscription may point at (tests' local push service). */
    PUSH_SERVICE_HOSTS: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim().toLowerCase())
          .filter(Boolean),
      ),
    /** The platform's fee on every captured payment (Stripe Connect): basis points (500 = 5%) … */
    PLATFORM_FEE_BPS: z.coerce.number().int().min(0).max(10_000).default(500),
    /** … plus a fixed amount per currency in minor units, e.g. "USD:30,EUR:25,JPY:30" (none for a currency not listed). */
    PLATFORM_FEE_FIXED: z
      .string()
      .default('USD:30,EUR:25,GBP:20,JPY:30,CNY:200,HKD:200,SGD:40,AUD:30,CAD:30')
      .transform((v, ctx) => {
        const out: Record<string, number> = {};
        for (const part of v
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean)) {
          const m = /^([A-Za-z]{3}):(\d{1,9})$/.exec(part);
          if (!m?.[1] || !m[2]) {
            ctx.addIssue({
              code: 'custom',
              message: `Write each currency as CODE:amount in minor units, like USD:30 (got "${part}").`,
            });
            return z.NEVER;
          }
          out[m[1].toUpperCase()] = Number(m[2]);
        }
        return out;
      }),
    /** How much the JSON logs say (pino levels); quieter under tests. */
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
    /** Bearer token that reads /metrics (required in production for it to answer). */
    METRICS_TOKEN: z.string().min(16, 'Give METRICS_TOKEN at least 16 characters.').optional(),
    /** `npm run start:worker`: serve /metrics and /health on this port (unset = no HTTP at all). */
    WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    FLOCK_MIN_WINDOW_SECONDS: z.coerce.number().int().positive().optional(),
    // Reverse proxies whose X-Forwarded-For is believed: comma-separated IPs or CIDR ranges (README).
    TRUSTED_PROXIES: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      )
      .refine((list) => list.every((e) => ipaddr.isValid(e) || ipaddr.isValidCIDR(e)), {
        message: 'Give IP addresses or CIDR ranges separated by commas, like 10.0.0.0/8,::1.',
      }),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.VAPID_PUBLIC_KEY !== !env.VAPID_PRIVATE_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['VAPID_PRIVATE_KEY'],
        message:
          'Set both VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY (npx web-push generate-vapid-keys), or neither.',
      });
    }
    if (env.NODE_ENV === 'production' && !env.STRIPE_SECRET_KEY && !env.STRIPE_EMULATOR_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['STRIPE_SECRET_KEY'],
        message: 'STRIPE_SECRET_KEY is required in production (or STRIPE_EMULATOR_URL for a demo).',
      });
    }
  });

export type Env = Omit<z.infer<typeof schema>, 'LOG_LEVEL'> & {
  LOG_LEVEL: NonNullable<z.infer<typeof schema>['LOG_LEVEL']>;
};

let cached: Env | undefined;

/** The validated environment, parsed once; throws a readable error naming each bad variable. */
export function getEnv(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  cached = {
    ...parsed.data,
    LOG_LEVEL: parsed.data.LOG_LEVEL ?? (parsed.data.NODE_ENV === 'test' ? 'warn' : 'info'),
  };
  return cached;
}

/** The environment a child process inherits, with `extra` on top (start-up tools and the database's own binaries). */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}

/** Forgets the parsed environment, so the next getEnv() reads it again (after a start-up tool set a variable). */
export function forgetEnv(): void {
  cached = undefined;
}

/** The public base URL of the app (share links, Open Graph tags). */
export function appUrl(): string {
  const env = getEnv();
  return (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '');
}
