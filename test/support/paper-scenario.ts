/** The paper's system as the fields of a `scit` scenario document (what test scenarios start from). */
export function paperScenarioSystem() {
  return {
    kind: 'scit',
    hosts: 3,
    vmsPerHost: 4,
    services: [
      { name: 'Web', required: 6 },
      { name: 'DNS', required: 2 },
    ],
    exposureSeconds: 180,
    cleansingSeconds: 60,
    layout: [
      ['Web', 'Web', 'Web', 'spare'],
      ['Web', 'DNS', 'cleansing', 'cleansing'],
      ['Web', 'Web', 'DNS', 'cleansing'],
    ],
  };
}
