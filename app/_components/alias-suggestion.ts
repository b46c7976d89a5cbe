// Friendly alias suggestions for the join form ("Sunny Otter"), so nobody has to invent a name to join.
const ADJECTIVES = [
  'Sunny',
  'Brave',
  'Lucky',
  'Happy',
  'Clever',
  'Gentle',
  'Swift',
  'Jolly',
  'Calm',
  'Bright',
  'Kind',
  'Bold',
];
const ANIMALS = [
  'Otter',
  'Panda',
  'Fox',
  'Koala',
  'Heron',
  'Lynx',
  'Robin',
  'Dolphin',
  'Owl',
  'Puffin',
  'Badger',
  'Finch',
];

/** A two-word alias; pass a seed for a stable pick, or none for a random one. */
export function suggestAlias(seed?: number): string {
  const n = seed ?? Math.floor(Math.random() * 1_000_000);
  return `${ADJECTIVES[n % ADJECTIVES.length] ?? 'Happy'} ${ANIMALS[Math.floor(n / ADJECTIVES.length) % ANIMALS.length] ?? 'Otter'}`;
}
