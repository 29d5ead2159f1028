import type { Readable } from 'node:stream';
import type { Caller, ChangeOptions } from '@zone-risk/domain-service';
import { NotFoundError } from '@zone-risk/platform';
import { reportProgress } from '../domain/decisions.ts';
import { type EvidenceFile, type Item, needsProvincialAcceptance } from '../domain/item.ts';
import { transition } from '../domain/machine.ts';
import type { EnvironmentContext } from './context.ts';

export interface Upload {
  stream: Readable;
  filename: string;
  declaredType: string;
}

/** Refuses a progress report before any file is stored: no such item, or its state forbids it. */
export async function checkCanReport(ctx: EnvironmentContext, id: string): Promise<Item> {
  const item = await ctx.items.find(id);
  if (!item) throw new NotFoundError(ctx.items.notFound(id));
  transition(item.status, 'report-progress', needsProvincialAcceptance(item.source));
  return item;
}

/** Stores one evidence file in GridFS with its SHA-256; the content (not the declared type) decides its type. */
export async function storeEvidence(
  ctx: EnvironmentContext,
  caller: Caller,
  itemId: string,
  upload: Upload,
  maxBytes: number,
): Promise<EvidenceFile> {
  const stored = await ctx.evidence.store({
    ...upload,
    maxBytes,
    metadata: { itemId, uploadedBy: caller.actor },
  });
  return {
    id: stored.id,
    sha256: stored.sha256,
    contentType: stored.contentType,
    size: stored.size,
    filename: stored.filename,
  };
}

/** Records the report with its (already stored) files; if the item cannot take it, the files are removed. */
export async function recordProgress(
  ctx: EnvironmentContext,
  caller: Caller,
  id: string,
  input: { percent: number; note: string },
  evidence: EvidenceFile[],
  options: ChangeOptions,
): Promise<Item> {
  try {
    // A report commutes with other changes: a lost race is retried unless the caller named a version.
    return await ctx.items.change(
      caller,
      id,
      (item, now) => reportProgress(item, { ...input, evidence }, caller.actor, now),
      { retries: options.ifMatch ? 0 : 3, ...options },
    );
  } catch (error) {
    await discardEvidence(ctx, evidence);
    throw error;
  }
}

export async function discardEvidence(
  ctx: EnvironmentContext,
  files: readonly EvidenceFile[],
): Promise<void> {
  await Promise.all(files.map((file) => ctx.evidence.delete(file.id)));
}

export async function openEvidence(
  ctx: EnvironmentContext,
  itemId: string,
  fileId: string,
): Promise<{ file: EvidenceFile; stream: Readable }> {
  const item = await ctx.items.find(itemId);
  const file = item?.reports.flatMap((report) => report.evidence).find((f) => f.id === fileId);
  if (!item || !file) throw new NotFoundError(`Item ${itemId} has no evidence file ${fileId}`);
  return { file, stream: ctx.evidence.open(file.id) };
}
