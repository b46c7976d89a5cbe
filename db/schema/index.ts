// All tables, for drizzle's relational queries and drizzle-kit. Add each new schema file here.
export * from './statuses';
export * from './auth';
export * from './merchants';
export * from './deals';
export * from './groups';
export * from './events';
export * from './payments';
export * from './jobs';
export * from './sign-in-failures';
export * from './guest-claims';
export * from './fulfilment-options';
export * from './fulfilment';
export * from './notifications';
export * from './rooms';
export * from './connect';
