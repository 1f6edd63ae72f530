/** The cases this course sees: its own and its institution's first, then Upstream's, with actions. */
import { CaseSourceLabel } from '../shared/CaseSourceLabel.js';
import type { CaseEntry } from './types.js';

interface Props {
  cases: readonly CaseEntry[];
  onEdit: (entry: CaseEntry) => void;
  onAdapt: (entry: CaseEntry) => void;
  onExport: (entry: CaseEntry) => void;
  busy: boolean;
}

/** A button whose name says which case it acts on, for screen readers listing the buttons. */
function Action({
  label,
  title,
  onClick,
  busy,
}: {
  label: string;
  title: string;
  onClick: () => void;
  busy: boolean;
}) {
  return (
    <button type="button" className="secondary" onClick={onClick} aria-disabled={busy}>
      {label}
      <span className="visually-hidden"> {title}</span>
    </button>
  );
}

export function CaseList({ cases, onEdit, onAdapt, onExport, busy }: Props) {
  return (
    <table className="case-table">
      <caption className="visually-hidden">Cases this course can use</caption>
      <thead>
        <tr>
          <th scope="col">Case</th>
          <th scope="col">From and status</th>
          <th scope="col">Published</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {cases.map((entry) => (
          <tr key={entry.id}>
            <th scope="row">{entry.title}</th>
            <td>
              <CaseSourceLabel source={entry.source} reviewStatus={entry.reviewStatus} />
            </td>
            <td>{entry.latestVersion === 0 ? 'Not yet' : `Version ${entry.latestVersion}`}</td>
            <td className="case-actions">
              {entry.source !== 'built-in' && (
                <Action
                  label={entry.canEdit ? 'Edit' : 'View'}
                  title={entry.title}
                  onClick={() => onEdit(entry)}
                  busy={busy}
                />
              )}
              <Action
                label="Adapt"
                title={entry.title}
                onClick={() => onAdapt(entry)}
                busy={busy}
              />
              <Action
                label="Export"
                title={entry.title}
                onClick={() => onExport(entry)}
                busy={busy}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
