import { uuidv7 } from '../../src/shared/ids';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type OutboxEntryWire, type PushResponse } from '../../src/shared/sync';
import type { VisitInput } from '../../src/shared/visit';
import { TOPICS } from '../../src/shared/taxonomy';

/**
 * A simulated desk tablet: an outbox with gap-free sequence numbers and the same
 * push rules as the app (src/app/sync/push.ts): oldest first, drop what the server
 * acknowledged, resend the rest. It remembers the latest version of everything it
 * made, to check the server against, and one visit in ten is one the server must
 * refuse (a BSN in its note), to check that every refusal reaches the tablet even when
 * the answer that carried it was lost.
 */
export class SimDevice {
  private nextSeq = 1;
  private readonly outbox: OutboxEntryWire[] = [];
  /** Visit id → the latest payload the volunteer saved, and how many edits it had. */
  readonly made = new Map<string, { visit: VisitInput; edits: number }>();
  /** Sequence numbers of the entries the server must reject. */
  readonly invalid = new Set<number>();
  /** Rejections the tablet heard, by sequence number: what it marks rejected and shows. */
  readonly heardRejected = new Map<number, string>();
  /** Entries the server acknowledged without their rejection reaching the tablet: each a silently dropped entry. */
  rejectionsLost = 0;
  pushes = 0;
  failures = 0;

  constructor(
    readonly deviceId: string,
    readonly locationId: string,
    private readonly token: string,
    private readonly random: () => number,
    private readonly canEdit: boolean,
  ) {}

  get pending(): number {
    return this.outbox.length;
  }

  /** Records a new visit, or (sometimes) corrects one made earlier, or makes one the server refuses (often enough that lost answers carry some). */
  recordSomething(): void {
    if (this.random() < 0.1) {
      const visit = this.newVisit();
      this.invalid.add(this.nextSeq);
      this.enqueue(visit.id, 'visit.create@1', { ...visit, note: 'BSN 123456782 genoteerd' });
      return;
    }
    const ids = [...this.made.keys()];
    if (this.canEdit && ids.length > 0 && this.random() < 0.2) {
      const id = ids[Math.floor(this.random() * ids.length)]!;
      const record = this.made.get(id)!;
      const visit: VisitInput = {
        ...record.visit,
        durationSeconds: Math.floor(this.random() * 3600),
        note: `correction ${record.edits + 1}`,
      };
      this.enqueue(id, 'visit.update@1', { visit, baseVersion: record.edits + 1 });
      this.made.set(id, { visit, edits: record.edits + 1 });
      return;
    }
    const visit = this.newVisit();
    this.enqueue(visit.id, 'visit.create@1', visit);
    this.made.set(visit.id, { visit, edits: 0 });
  }

  private newVisit(): VisitInput {
    const topic = TOPICS[Math.floor(this.random() * TOPICS.length)]!.id;
    return {
      id: uuidv7(),
      deviceId: this.deviceId,
      locationId: this.locationId,
      volunteerId: null,
      startedAt: new Date().toISOString(),
      durationSeconds: Math.floor(this.random() * 1800),
      channel: 'walk_in',
      questions: [{ helpKind: 'digital_service', domain: 'other', organisation: 'other', topic, outcome: 'answered' }],
    };
  }

  private enqueue(recordId: string, type: string, payload: unknown): void {
    this.outbox.push({ seq: this.nextSeq++, recordId, type, payload, createdAt: new Date().toISOString() });
  }

  /** One push of up to batchSize entries; false when it failed (and must be retried). */
  async push(baseUrl: string, batchSize: number): Promise<boolean> {
    if (this.outbox.length === 0) return true;
    this.pushes++;
    const entries = this.outbox.slice(0, batchSize);
    try {
      const response = await fetch(`${baseUrl}/api/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
        body: JSON.stringify({ appVersion: 'chaos', entries, pending: this.outbox.length }),
        signal: AbortSignal.timeout(20_000),
      });
      if (!response.ok) {
        this.failures++;
        return false;
      }
      const result = (await response.json()) as PushResponse;
      const wrong = result.rejected.find((r) => !this.invalid.has(r.seq));
      if (wrong) throw new Error(`device ${this.deviceId}: server rejected a valid entry ${JSON.stringify(wrong)}`);
      for (const r of result.rejected) this.heardRejected.set(r.seq, r.reason);
      // As the app does: what is acknowledged leaves the outbox, synced or marked rejected by this answer.
      while (this.outbox.length > 0 && this.outbox[0]!.seq <= result.ack) {
        const entry = this.outbox.shift()!;
        if (this.invalid.has(entry.seq) && !this.heardRejected.has(entry.seq)) this.rejectionsLost++;
      }
      return true;
    } catch (err) {
      if (err instanceof Error && err.message.includes('rejected a valid entry')) throw err;
      this.failures++;
      return false;
    }
  }
}
