import type { Platform } from './records.js';

/** How each platform is named to people (the same in bokmål and English), one list for every view. */
export const PLATFORM_NAMES: Readonly<Record<Platform, string>> = {
  facebook: 'Facebook',
  youtube: 'YouTube',
  x: 'X',
  instagram: 'Instagram',
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
};

/** The platform's name, or the value as given when it is not a platform. */
export const platformName = (p: string): string => (Object.hasOwn(PLATFORM_NAMES, p) ? PLATFORM_NAMES[p as Platform] : p);
