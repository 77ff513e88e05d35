/*
 * Every feature's texts, each under its own key (`desk.*`, `lending.*`, `classes.*`, ...).
 * A new feature adds one import and one line below.
 */
import classes from './classes'
import coordinator from './coordinator'
import desk from './desk'
import lending from './lending'
import appSettings from './app-settings'
import privacy from './privacy'
import trust from './trust'

export const featureMessages = {
  classes,
  coordinator,
  desk,
  lending,
  privacy,
  appSettings,
  trust,
}
