import { useState } from 'react';
import { deployedFile, useDeployedDecisions, useDeployedForms } from '../../api/admin';
import { Button } from '../../components/Button';
import { SelectField, TextField } from '../../components/Field';
import { t } from '../../i18n';
import { blankDecision, blankForm, idOf, type ModelFile } from './model-files';

/** The files of the deployment being edited, and ways to add a form or a decision table (new or deployed). */
export function ModelFiles({
  files,
  selected,
  onSelect,
  onAdd,
  onRemove,
}: {
  files: readonly ModelFile[];
  selected: string;
  onSelect: (name: string) => void;
  onAdd: (file: ModelFile) => void;
  onRemove: (name: string) => void;
}) {
  const forms = useDeployedForms();
  const decisions = useDeployedDecisions();
  const [formId, setFormId] = useState('');
  const [decisionName, setDecisionName] = useState('');
  const [deployedForm, setDeployedForm] = useState('');
  const [deployedDecision, setDeployedDecision] = useState('');

  const addDeployedForm = async () => {
    const form = forms.data?.find((entry) => entry.formId === deployedForm);
    if (!form) return;
    onAdd(await deployedFile('form', form.formId, form.versions[0].version));
  };
  const addDeployedDecision = async () => {
    const decision = decisions.data?.find((entry) => entry.decisionRequirementsId === deployedDecision);
    if (!decision) return;
    onAdd(await deployedFile('dmn', decision.decisionRequirementsId, decision.versions[0].version));
  };

  return (
    <nav className="model-files" aria-label={t('admin.modeler.files')}>
      <h2>{t('admin.modeler.files')}</h2>
      <ul>
        {files.map((file) => (
          <li key={file.name}>
            <button type="button" className="link-button" aria-current={file.name === selected ? 'true' : undefined} onClick={() => onSelect(file.name)}>
              {file.name}
            </button>{' '}
            {files.length > 1 ? (
              <button type="button" className="link-button muted" aria-label={t('admin.modeler.removeFile', { name: file.name })} onClick={() => onRemove(file.name)}>
                ×
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <TextField id="new-form-id" label={t('admin.modeler.newFormId')} value={formId} onChange={(event) => setFormId(event.target.value)} />
      <Button color="primary" type="outlined" size="s" onClick={() => formId.trim() && onAdd({ name: `${idOf(formId)}.form`, content: blankForm(idOf(formId)) })}>
        {t('admin.modeler.addForm')}
      </Button>
      <TextField id="new-decision-name" label={t('admin.modeler.newDecisionName')} value={decisionName} onChange={(event) => setDecisionName(event.target.value)} />
      <Button
        color="primary"
        type="outlined"
        size="s"
        onClick={() => decisionName.trim() && onAdd({ name: `${idOf(decisionName)}.dmn`, content: blankDecision(idOf(decisionName), decisionName.trim()) })}
      >
        {t('admin.modeler.addDecision')}
      </Button>
      <SelectField id="deployed-form" label={t('admin.modeler.deployedForm')} value={deployedForm} onChange={(event) => setDeployedForm(event.target.value)}>
        <option value="">—</option>
        {forms.data?.map((form) => (
          <option key={form.formId} value={form.formId}>
            {form.formId}
          </option>
        ))}
      </SelectField>
      <Button color="primary" type="outlined" size="s" onClick={() => void addDeployedForm()}>
        {t('admin.modeler.openDeployed')}
      </Button>
      <SelectField id="deployed-decision" label={t('admin.modeler.deployedDecision')} value={deployedDecision} onChange={(event) => setDeployedDecision(event.target.value)}>
        <option value="">—</option>
        {decisions.data?.map((decision) => (
          <option key={decision.decisionRequirementsId} value={decision.decisionRequirementsId}>
            {decision.decisionRequirementsId}
          </option>
        ))}
      </SelectField>
      <Button color="primary" type="outlined" size="s" onClick={() => void addDeployedDecision()}>
        {t('admin.modeler.openDeployed')}
      </Button>
    </nav>
  );
}
