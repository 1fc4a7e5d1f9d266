import axios from 'axios';

import { AppError } from '../../errors.js';
import type { WebhookKind } from '../../store/alert-recipients.js';
import { slackMessage, teamsMessage, type Digest } from '../digest.js';

/** Posts digests to Slack-compatible (`{text, blocks}`) or Microsoft Teams-compatible (Adaptive Card) webhooks. */
export type WebhookSender = { send(url: string, kind: WebhookKind, digest: Digest): Promise<void> };

export function webhookBody(kind: WebhookKind, digest: Digest): unknown {
  return kind === 'teams' ? teamsMessage(digest) : slackMessage(digest);
}

/**
 * The kind of the deployment-wide ALERT_WEBHOOK_URL, from its host: Teams incoming webhooks and Workflows live
 * on *.webhook.office.com, *.logic.azure.com and *.powerplatform.com; anything else gets the Slack shape
 * (also understood by Mattermost, Rocket.Chat and Discord's /slack endpoint).
 */
export function webhookKindOf(url: string): WebhookKind {
  const host = new URL(url).hostname;
  return /(^|\.)(webhook\.office\.com|logic\.azure\.com|powerplatform\.com)$/.test(host) ? 'teams' : 'slack';
}

export function makeWebhookSender(opts: { timeoutMs?: number } = {}): WebhookSender {
  return {
    async send(url, kind, digest) {
      let status: number | undefined;
      let code: string | undefined;
      try {
        const r = await axios.post(url, webhookBody(kind, digest), {
          timeout: opts.timeoutMs ?? 15_000,
          headers: { 'Content-Type': 'application/json; charset=utf-8', 'User-Agent': 'lyttepost/0.1' },
          validateStatus: () => true,
          maxRedirects: 0,
          responseType: 'text',
        });
        status = r.status;
      } catch (err) {
        code = (err as { code?: string }).code ?? 'ENETWORK';
      }
      if (status !== undefined && status >= 200 && status < 300) return;
      // The URL is a secret: only its host is named.
      const host = new URL(url).host;
      throw new AppError(
        'DELIVERY_FAILED',
        `${kind} webhook delivery to ${host} failed: ${status !== undefined ? `HTTP ${status}` : code}`,
        {
          retryable: true,
          context: { channel: 'webhook', kind, host, status, code },
        },
      );
    },
  };
}
