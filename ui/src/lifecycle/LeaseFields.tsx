import type { PaymentTiming, TaxStatus } from "../bindings";
import { PAYMENT_TIMING_LABELS, PAYMENT_TIMING_VALUES, TAX_STATUS_LABELS, TAX_STATUS_VALUES } from "../ipc.gen";
import type { Draft, LeaseDraft } from "./depreciationLease";
import { Input, type Refusal } from "./RefusalInput";

// The lease offer of the depreciation and lease form: the term and tax beside what a buyer
// would pay, then an operating (fair-market-value) lease, a capital lease with a bargain
// purchase option, or both, each compared with buying by the engine.

type Props = { draft: Draft; setDraft: (patch: Partial<Draft>) => void; currency: string; refusal: Refusal | null };

export function LeaseFields({ draft, setDraft, currency, refusal }: Props) {
  return (
    <fieldset className="profile-section" data-testid="lease-fields">
      <legend>Lease offer</legend>
      <label className="check">
        <input type="checkbox" data-testid="lease-offered" checked={draft.leased} onChange={(e) => setDraft({ leased: e.target.checked })} />
        A lease is offered for this candidate
      </label>
      {draft.leased && (
        <>
          <div className="field-row">
            <Input label="Term (years)" path="lease.term_years" refusal={refusal}>
              <input className="num" data-testid="lease-term" value={draft.term} onChange={(e) => setDraft({ term: e.target.value })} />
            </Input>
            <Input label="Tax status" path="lease.tax_status" refusal={refusal}>
              <select value={draft.taxStatus} onChange={(e) => setDraft({ taxStatus: e.target.value as TaxStatus })}>
                {TAX_STATUS_VALUES.map((t) => (
                  <option key={t} value={t}>
                    {TAX_STATUS_LABELS[t]}
                  </option>
                ))}
              </select>
            </Input>
            {draft.taxStatus === "for_profit" && (
              <Input label="Tax rate %" path="lease.tax_rate" refusal={refusal}>
                <input className="num" value={draft.taxRate} onChange={(e) => setDraft({ taxRate: e.target.value })} />
              </Input>
            )}
          </div>
          <div className="field-row">
            <Input label={`Buyer's maintenance a year (${currency})`} path="lease.purchase_maintenance_per_year" refusal={refusal}>
              <input className="num" value={draft.buyerMaintenance} onChange={(e) => setDraft({ buyerMaintenance: e.target.value })} />
            </Input>
            <Input label={`Market value at the end of the term (${currency})`} path="lease.purchase_salvage" refusal={refusal}>
              <input className="num" value={draft.buyerSalvage} onChange={(e) => setDraft({ buyerSalvage: e.target.value })} />
            </Input>
          </div>
          <LeaseOption
            title="Operating lease (fair market value: the devices go back at the end)"
            path="lease.operating_lease"
            testId="lease-operating"
            lease={draft.operating}
            onChange={(operating) => setDraft({ operating })}
            currency={currency}
            refusal={refusal}
          />
          <LeaseOption
            title="Capital lease with a bargain purchase option"
            path="lease.capital_lease"
            testId="lease-capital"
            lease={draft.capital}
            onChange={(capital) => setDraft({ capital })}
            currency={currency}
            refusal={refusal}
            withOption
          />
        </>
      )}
    </fieldset>
  );
}

function LeaseOption({
  title,
  path,
  testId,
  lease,
  onChange,
  currency,
  refusal,
  withOption = false,
}: {
  title: string;
  path: string;
  testId: string;
  lease: LeaseDraft;
  onChange: (l: LeaseDraft) => void;
  currency: string;
  refusal: Refusal | null;
  withOption?: boolean;
}) {
  const set = (patch: Partial<LeaseDraft>) => onChange({ ...lease, ...patch });
  return (
    <div className="lease-option">
      <label className="check">
        <input type="checkbox" data-testid={testId} checked={lease.on} onChange={(e) => set({ on: e.target.checked })} />
        {title}
      </label>
      {lease.on && (
        <div className="field-row">
          <Input label={`Payment a year (${currency})`} path={`${path}.payment_per_year`} refusal={refusal}>
            <input className="num" data-testid={`${testId}-payment`} value={lease.payment} onChange={(e) => set({ payment: e.target.value })} />
          </Input>
          <Input label="Payments fall each year" path={`${path}.timing`} refusal={refusal}>
            <select value={lease.timing} onChange={(e) => set({ timing: e.target.value as PaymentTiming })}>
              {PAYMENT_TIMING_VALUES.map((t) => (
                <option key={t} value={t}>
                  {PAYMENT_TIMING_LABELS[t]}
                </option>
              ))}
            </select>
          </Input>
          <Input label={`Maintenance a year (${currency})`} path={`${path}.maintenance_per_year`} refusal={refusal}>
            <input className="num" value={lease.maintenance} onChange={(e) => set({ maintenance: e.target.value })} />
          </Input>
          {withOption && (
            <Input label={`Purchase option price (${currency})`} path={`${path}.purchase_option_price`} refusal={refusal}>
              <input className="num" value={lease.option} onChange={(e) => set({ option: e.target.value })} />
            </Input>
          )}
        </div>
      )}
    </div>
  );
}
