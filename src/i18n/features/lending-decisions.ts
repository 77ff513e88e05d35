import { defineMessages } from './define'

/*
 * Texts of lending added in its second round (a coordinator settling a double booking, scanning
 * without the browser's own detector), kept apart so the main lending file stays readable. They are
 * spread into `lending.*`.
 */
export default defineMessages({
  nl: {
    double: {
      title: 'Dubbel uitgeleend',
      explain: 'Twee tablets hebben dit toestel uitgeleend zonder internet. Kies de uitlening die blijft: de andere wordt geannuleerd en blijft in de geschiedenis staan.',
      askCoordinator: 'Twee tablets hebben dit toestel uitgeleend zonder internet. Een coördinator kiest welke uitlening blijft.',
      which: 'Welke uitlening blijft?',
      loan: '{name} · vanaf {date} · uitgeleend door {lender} ({when})',
      unknownBorrower: 'Ontlener niet op deze tablet',
      save: 'Deze uitlening behouden',
      pickOne: 'Kies de uitlening die blijft.',
      saved: 'Opgeslagen. De andere uitlening is geannuleerd.',
      notNow: 'Dat kan niet meer: het toestel is intussen veranderd. Kijk de geschiedenis na.',
      cancelled: 'Deze uitlening is geannuleerd door een coördinator: het toestel was twee keer uitgeleend.',
    },
    scanner: {
      video: 'Camerabeeld om het label te scannen',
      noCamera: 'De camera kan niet openen. Typ het inventarisnummer.',
      found: 'Label gelezen: {tag}',
    },
    history: { loan: 'Uitlening bekijken' },
  },
  fr: {
    double: {
      title: 'Prêté deux fois',
      explain: 'Deux tablettes ont prêté cet appareil sans internet. Choisissez le prêt qui reste : l’autre est annulé et reste dans l’historique.',
      askCoordinator: 'Deux tablettes ont prêté cet appareil sans internet. Un coordinateur choisit le prêt qui reste.',
      which: 'Quel prêt reste ?',
      loan: '{name} · à partir du {date} · prêté par {lender} ({when})',
      unknownBorrower: 'Emprunteur absent de cette tablette',
      save: 'Garder ce prêt',
      pickOne: 'Choisissez le prêt qui reste.',
      saved: 'Enregistré. L’autre prêt est annulé.',
      notNow: 'Ce n’est plus possible : l’appareil a changé entre-temps. Vérifiez l’historique.',
      cancelled: 'Ce prêt a été annulé par un coordinateur : l’appareil avait été prêté deux fois.',
    },
    scanner: {
      video: 'Image de la caméra pour scanner l’étiquette',
      noCamera: 'La caméra ne s’ouvre pas. Tapez le numéro d’inventaire.',
      found: 'Étiquette lue : {tag}',
    },
    history: { loan: 'Voir le prêt' },
  },
  en: {
    double: {
      title: 'Lent twice',
      explain: 'Two tablets lent this device without internet. Choose the loan that stands: the other is cancelled and stays in the history.',
      askCoordinator: 'Two tablets lent this device without internet. A coordinator chooses which loan stands.',
      which: 'Which loan stands?',
      loan: '{name} · from {date} · lent by {lender} ({when})',
      unknownBorrower: 'Borrower not on this tablet',
      save: 'Keep this loan',
      pickOne: 'Choose the loan that stands.',
      saved: 'Saved. The other loan is cancelled.',
      notNow: 'That is no longer possible: the device has changed meanwhile. Check the history.',
      cancelled: 'This loan was cancelled by a coordinator: the device had been lent twice.',
    },
    scanner: {
      video: 'Camera view to scan the label',
      noCamera: 'The camera does not open. Type the asset tag.',
      found: 'Label read: {tag}',
    },
    history: { loan: 'View the loan' },
  },
})
