/**
 * Alert routing by service topic (issue 25), per municipality: a recipient registered for a topic receives
 * the alerts whose question has that primary topic, and such an alert goes to the topic's recipients only
 * (a renovasjon question to the waste company's contact, not to the information office). Questions of a
 * topic nobody is registered for, without a topic, or not yet topic-classified go to the general
 * recipients (topic null), as before.
 */
export type Routed = { topic: string | null };

export function routeByTopic<T extends Routed>(targets: readonly T[], questionTopic: string | null): T[] {
  if (questionTopic !== null) {
    const topical = targets.filter((t) => t.topic === questionTopic);
    if (topical.length > 0) return topical;
  }
  return targets.filter((t) => t.topic === null);
}

/** The primary topic of a question turn: the first topic of its first item that has any; null if none. */
export function primaryTopicOfTurn(turnKeys: readonly string[], topics: ReadonlyMap<string, readonly string[]>): string | null {
  for (const k of turnKeys) {
    const t = topics.get(k);
    if (t !== undefined && t.length > 0) return t[0] ?? null;
  }
  return null;
}
