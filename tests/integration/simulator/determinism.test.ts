import { afterAll, describe, expect, test } from 'vitest';
import { acceptanceWorld, first, get, start } from './fixture.js';

/** The same requests against two servers of the same seed (one after the other, on the same port). */
async function record(seed: number, port: number): Promise<{ port: number; bodies: string[] }> {
  const world = acceptanceWorld(seed);
  const sim = await start(world, { port });
  const fb = first(world, 'facebook');
  const yt = first(world, 'youtube');
  const x = first(world, 'x');
  const bodies: string[] = [];
  try {
    const posts = await get(
      sim.url,
      `/v24.0/${fb.externalId}/feed?fields=id,message,created_time,updated_time,from,shares,reactions.limit(0).summary(true),comments.limit(0).summary(true)&limit=5&access_token=${fb.token}`,
    );
    bodies.push(posts.text);
    bodies.push((await get(sim.url, posts.body.paging.next)).text);
    bodies.push(
      (
        await get(
          sim.url,
          `/v24.0/${posts.body.data[0].id}/comments?filter=stream&summary=true&fields=id,message,from,parent{id},created_time&access_token=${fb.token}`,
        )
      ).text,
    );
    bodies.push(
      (
        await get(
          sim.url,
          `/youtube/v3/commentThreads?part=snippet,replies&allThreadsRelatedToChannelId=${yt.externalId}&maxResults=10&key=${yt.token}`,
        )
      ).text,
    );
    bodies.push(
      (await get(sim.url, `/youtube/v3/channels?part=snippet,contentDetails,statistics&id=${yt.externalId}&key=${yt.token}`)).text,
    );
    bodies.push(
      (
        await get(sim.url, `/2/users/${x.externalId}/tweets?max_results=20&tweet.fields=created_at,public_metrics,conversation_id`, {
          authorization: `Bearer ${x.token}`,
        })
      ).text,
    );
    bodies.push((await get(sim.url, `/v24.0/${fb.externalId}/posts?fields=nope&access_token=${fb.token}`)).text); // error bodies too
    bodies.push((await get(sim.url, '/_sim/truth?items=false')).text);
    return { port: sim.port, bodies };
  } finally {
    await sim.close();
  }
}

describe('determinism (issue 3 acceptance: seed 7, 20 municipalities)', () => {
  const runs: { port: number; bodies: string[] }[] = [];
  afterAll(() => undefined);

  test('the same seed gives byte-identical responses', async () => {
    const a = await record(7, 0);
    const b = await record(7, a.port);
    runs.push(a, b);
    expect(b.bodies.length).toBe(a.bodies.length);
    for (let i = 0; i < a.bodies.length; i++) expect(b.bodies[i]).toBe(a.bodies[i]);
    expect(a.bodies[0]).toContain('"data"');
  });

  test('a different seed gives different data', async () => {
    const a = runs[0] ?? (await record(7, 0));
    const c = await record(8, a.port);
    const differing = a.bodies.filter((body, i) => body !== c.bodies[i]).length;
    expect(differing).toBeGreaterThanOrEqual(a.bodies.length - 1);
  });
});
