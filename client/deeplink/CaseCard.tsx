/** One case in the picker: a radio with what the case is about, its preview and facilitator guide. */
import { CaseSourceLabel } from '../shared/CaseSourceLabel.js';
import { CasePreview } from './CasePreview.js';
import { caseFacts, warningsSentence } from './filters.js';
import { FacilitatorGuide } from './FacilitatorGuide.js';
import { THEMES, type CatalogueCase } from './types.js';

interface Props {
  ltik: string;
  item: CatalogueCase;
  chosen: boolean;
  previewing: boolean;
  onChoose: () => void;
  onPreview: (open: boolean) => void;
}

export function CaseCard({ ltik, item: c, chosen, previewing, onChoose, onPreview }: Props) {
  return (
    <div className="case-card">
      <label className="case-choice">
        <input type="radio" name="case" value={c.id} checked={chosen} onChange={onChoose} />
        <span>
          <strong>{c.title}</strong>{' '}
          <CaseSourceLabel source={c.source} reviewStatus={c.reviewStatus} />
          <span className="muted">{caseFacts(c)}</span>
          <span className="case-summary">{c.summary}</span>
          <span className="muted">Themes: {c.themes.map((t) => THEMES[t] ?? t).join('; ')}</span>
          <span className="muted">
            Competencies: {c.competencies.map((x) => `${x.id} ${x.title}`).join('; ')}
          </span>
          {c.contentWarnings.length > 0 && (
            <span className="muted">Content warnings: {warningsSentence(c.contentWarnings)}</span>
          )}
        </span>
      </label>
      <button
        type="button"
        className="secondary"
        aria-expanded={previewing}
        onClick={() => onPreview(!previewing)}
      >
        {previewing ? 'Hide the preview' : `Preview ${c.title}`}
      </button>
      {previewing && <CasePreview ltik={ltik} caseId={c.id} title={c.title} />}
      {c.facilitatorGuide && <FacilitatorGuide guide={c.facilitatorGuide} title={c.title} />}
    </div>
  );
}
