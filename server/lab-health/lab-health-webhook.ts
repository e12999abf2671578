/**
 * A lab that starts failing, told to the operator's webhook (DOCKYARD_LAB_HEALTH_WEBHOOK): one
 * JSON POST per lab at the transition, which a mail or chat relay turns into a message. `text`
 * is a ready sentence (Slack, Mattermost and Rocket.Chat incoming webhooks show it as is); the
 * other fields are for relays that compose their own. A webhook that fails is logged and
 * never stops the run.
 */

export interface FailingLab {
  lab: string;
  title: string;
  pack: string;
  packVersion: string | null;
  /** 1-based, as the lab page numbers steps; null when the whole lab failed. */
  step: { number: number; title: string } | null;
  problem: string | null;
  /** The failing output's last lines. */
  output: string;
  since: Date;
  url: string;
}

/** How much of the output the message carries: the page has the rest. */
const OUTPUT_EXCERPT_CHARS = 1_500;
const TIMEOUT_MS = 10_000;

export function webhookPayload(failing: FailingLab) {
  const output = failing.output.length > OUTPUT_EXCERPT_CHARS ? `…${failing.output.slice(-OUTPUT_EXCERPT_CHARS)}` : failing.output;
  const where = failing.step ? `l'étape ${failing.step.number} « ${failing.step.title} »` : 'le lab entier';
  return {
    event: 'lab-health.failing',
    lab: failing.lab,
    title: failing.title,
    pack: failing.pack,
    packVersion: failing.packVersion,
    step: failing.step,
    problem: failing.problem,
    output,
    since: failing.since.toISOString(),
    url: failing.url,
    text: `Le lab « ${failing.title} » (${failing.lab}, paquet ${failing.pack}) échoue au test de la nuit : ${where}. ${failing.problem ?? ''} Voir ${failing.url}`.replace(/\s+/g, ' '),
  };
}

export async function postWebhook(url: string, failing: FailingLab, log: (message: string) => void): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(webhookPayload(failing)),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) {
      log(`santé des labs : le webhook a répondu ${response.status} pour « ${failing.lab} » (non renvoyé ; la page le montre)`);
      return false;
    }
    return true;
  } catch (error) {
    log(`santé des labs : webhook injoignable pour « ${failing.lab} » : ${(error as Error).message} (non renvoyé ; la page le montre)`);
    return false;
  }
}
