Console.WriteLine("apphost not written yet");
