// Types next-intl's keys and locales from English's catalog, so a misspelt key or a missing ICU argument
// fails the type check. Edit nothing here when adding messages: the catalogs are the source.
import type { Locale } from './locales';
import type { Messages } from './messages';

declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
