import type { z } from 'zod';
import type { Hazard } from '../domain/hazard.ts';
import type { Inspection } from '../domain/inspection.ts';
import { availableActions } from '../domain/machine.ts';
import type { ChecklistTemplate } from '../domain/template.ts';
import type { hazardView } from './schemas.ts';

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

export function hazardUrl(id: string): string {
  return `/hazards/${encodeURIComponent(id)}`;
}

export function toHazardView(hazard: Hazard): z.input<typeof hazardView> {
  return {
    id: hazard.id,
    enterprise: hazard.enterprise,
    location: hazard.location,
    description: hazard.description,
    category: hazard.category,
    grade: hazard.grade,
    basis: hazard.basis,
    status: hazard.status,
    allowedActions: availableActions({ ...hazard, supervised: hazard.supervision !== null }),
    deadline: hazard.deadline,
    overdue: hazard.status !== 'closed' && (hazard.rectificationOverdue || hazard.supervisionOverdue),
    plan: hazard.plan && { ...hazard.plan, plannedAt: hazard.plan.plannedAt.toISOString() },
    extension: hazard.extension && {
      ...hazard.extension,
      requestedAt: hazard.extension.requestedAt.toISOString(),
    },
    supervision: hazard.supervision && {
      ...hazard.supervision,
      listedAt: hazard.supervision.listedAt.toISOString(),
    },
    inspectionId: hazard.inspectionId,
    checklistItemCode: hazard.checklistItemCode,
    reportedBy: hazard.reportedBy,
    reportedAt: hazard.reportedAt.toISOString(),
    submittedAt: iso(hazard.submittedAt),
    closedAt: iso(hazard.closedAt),
    rejections: hazard.rejections,
    photos: hazard.photos.map((photo) => ({
      ...photo,
      uploadedAt: photo.uploadedAt.toISOString(),
      url: `${hazardUrl(hazard.id)}/photos/${photo.id}`,
    })),
    version: hazard.version,
  };
}

export function toInspectionView(inspection: Inspection) {
  return { ...inspection, recordedAt: inspection.recordedAt.toISOString() };
}

export function toTemplateView(template: ChecklistTemplate) {
  return { ...template, createdAt: template.createdAt.toISOString() };
}
