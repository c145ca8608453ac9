# Sessions and pain ratings arrive with the logbook issue (#3).
