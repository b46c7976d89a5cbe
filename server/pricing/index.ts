// Public surface of the pricing engine: import from '@/server/pricing', not from its files.
export * from './currency';
export * from './tiers';
export * from './price';
export * from './shipping';
export * from './payment-mode';
export * from './payouts';
