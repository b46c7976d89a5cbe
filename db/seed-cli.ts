// `npm run db:seed`: seeds the demo into an empty database (the app's own embedded one unless DATABASE_URL
// is set; stop `npm run dev` first so the embedded database is free).
import { startLocalServices } from '@/tools/local-services';
import { seedIfEmpty } from './seed';

const services = await startLocalServices();
try {
  console.log(
    (await seedIfEmpty(services.databaseUrl))
      ? '[flock] seeded the demo'
      : '[flock] the database already has data; nothing to do',
  );
} finally {
  await services.stop();
}
process.exit(0);
