import { expect } from 'vitest'
import { useAuthStore } from '../../../../src/stores/auth'
import { useClassesStore } from '../../../../src/stores/classes'
import { makeCourseInput } from '../../../factories/course'
import { setupApp } from '../../support/app'

/** A tablet with Carla (coordinator) signed in and a course of hers in Arendonk, stored offline. */
export async function carlasCourse(sessions = 2, overrides: { title?: string, end?: string } = {}) {
  const app = setupApp()
  expect(await useAuthStore().signIn('carla', 'geheim-carla')).toBeNull()
  const classes = useClassesStore()
  const created = await classes.createCourse(
    makeCourseInput({ trainers: ['carla'], ...(overrides.title ? { title: overrides.title } : {}) }),
    { firstDate: '2026-03-02', count: sessions, start: '09:00', end: overrides.end ?? '11:30' },
  )
  if (!created.ok)
    throw new Error('course not created')
  return { ...app, classes, carla: useAuthStore().profile!, ...created.value }
}
