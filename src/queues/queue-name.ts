/** Every BullMQ queue. Values are queue names in Redis: never rename one. */
export enum QueueName {
  Reminders = 'reminders',
  Notifications = 'notifications',
  Tallies = 'tallies',
  Lifecycle = 'lifecycle',
  Announcements = 'announcements',
}
